package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The observer's verdict: each way a client could see the room wrong is counted, and only a clean view passes. */
class ArrivalOrderTest {

    @Test
    void everyAckedMessageOnceInIncreasingIdsIsOneGapFreeOrder() {
        ArrivalOrder order = orderOf(new long[] {5, 7, 9}, new long[] {5, 7, 9});

        assertThat(order.verdict()).containsEntry("observed_messages", 3L).containsEntry("order_violations", 0L)
                .containsEntry("acked_not_observed", 0L).containsEntry("observed_not_acked", 0L)
                .containsEntry("one_gap_free_order", true);
    }

    @Test
    void aMessageBeforeAnEarlierOneIsAViolation() {
        assertThat(orderOf(new long[] {5, 7, 9}, new long[] {5, 9, 7}).verdict())
                .containsEntry("order_violations", 1L).containsEntry("one_gap_free_order", false);
    }

    @Test
    void aMessageTwiceIsAViolation() {
        assertThat(orderOf(new long[] {5, 7}, new long[] {5, 7, 7}).verdict())
                .containsEntry("order_violations", 1L).containsEntry("one_gap_free_order", false);
    }

    @Test
    void anAckedMessageNeverReceivedIsAGap() {
        assertThat(orderOf(new long[] {5, 7, 9}, new long[] {5, 9}).verdict())
                .containsEntry("acked_not_observed", 1L).containsEntry("one_gap_free_order", false);
    }

    @Test
    void aMessageReceivedButNeverAckedIsCounted() {
        assertThat(orderOf(new long[] {5}, new long[] {5, 6}).verdict())
                .containsEntry("observed_not_acked", 1L).containsEntry("one_gap_free_order", false);
    }

    @Test
    void nothingAckedProvesNothing() {
        assertThat(orderOf(new long[0], new long[0]).verdict()).containsEntry("one_gap_free_order", false);
    }

    private static ArrivalOrder orderOf(long[] acked, long[] observed) {
        ArrivalOrder order = new ArrivalOrder();
        for (long id : acked) {
            order.acked(id);
        }
        for (long id : observed) {
            order.observed(id);
        }
        return order;
    }
}
