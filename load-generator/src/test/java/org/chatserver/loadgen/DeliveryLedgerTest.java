package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    private final DeliveryLedger ledger = new DeliveryLedger();
    private final DeliveryLedger.Receiver sender = new DeliveryLedger.Receiver("lobby");
    private final DeliveryLedger.Receiver alice = new DeliveryLedger.Receiver("lobby");
    private final DeliveryLedger.Receiver bob = new DeliveryLedger.Receiver("lobby");
    private final DeliveryLedger.Receiver elsewhere = new DeliveryLedger.Receiver("kitchen");

    @Test
    void everyExpectedReceiptCountsOnceAndMissingOnesAreLost() throws Exception {
        DeliveryLedger.Step step = ledger.beginStep("100/s", 100);
        long first = send(2, 0);
        long second = send(2, 0);
        ledger.delivered(alice, new Payload(first, 0), 5_000_000);
        ledger.delivered(bob, new Payload(first, 0), 7_000_000);
        ledger.delivered(alice, new Payload(second, 0), 9_000_000);

        StepResult result = ledger.close(step, Duration.ofMillis(50), false);

        assertThat(result.sent()).isEqualTo(2);
        assertThat(result.expectedDeliveries()).isEqualTo(4);
        assertThat(result.delivered()).isEqualTo(3);
        assertThat(result.lost()).isEqualTo(1);
        assertThat(result.duplicates()).isZero();
        assertThat(result.latency().count()).isEqualTo(3);
        assertThat(result.latency().maxMs()).isBetween(8.9, 9.1);
    }

    @Test
    void theSameMessageTwiceAtOneClientIsADuplicateNotADelivery() throws Exception {
        DeliveryLedger.Step step = ledger.beginStep("s", 1);
        long seq = send(2, 0);
        ledger.delivered(alice, new Payload(seq, 0), 1_000);
        ledger.delivered(alice, new Payload(seq, 0), 2_000);
        ledger.delivered(bob, new Payload(seq, 0), 3_000);

        StepResult result = ledger.close(step, Duration.ZERO, false);

        assertThat(result.delivered()).isEqualTo(2);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.lost()).isZero();
    }

    @Test
    void anEchoToTheSenderDoesNotMakeUpForAMemberWhoMissedTheMessage() throws Exception {
        DeliveryLedger.Step step = ledger.beginStep("s", 1);
        long seq = send(2, 0);
        ledger.delivered(alice, new Payload(seq, 0), 1_000);
        ledger.delivered(sender, new Payload(seq, 0), 2_000);

        StepResult result = ledger.close(step, Duration.ZERO, false);

        assertThat(result.delivered()).isEqualTo(1);
        assertThat(result.misdirected()).isEqualTo(1);
        assertThat(result.lost()).as("bob never got it").isEqualTo(1);
    }

    @Test
    void aReceiptInAnotherRoomIsMisdirectedNotDelivered() throws Exception {
        DeliveryLedger.Step step = ledger.beginStep("s", 1);
        long seq = send(2, 0);
        ledger.delivered(alice, new Payload(seq, 0), 1_000);
        ledger.delivered(elsewhere, new Payload(seq, 0), 2_000);
        ledger.delivered(elsewhere, new Payload(seq, 0), 3_000);

        StepResult result = ledger.close(step, Duration.ZERO, false);

        assertThat(result.delivered()).isEqualTo(1);
        assertThat(result.misdirected()).isEqualTo(2);
        assertThat(result.duplicates()).isZero();
        assertThat(result.lost()).isEqualTo(1);
    }

    @Test
    void aReceiptAfterTheStepClosedIsLateAndStaysLost() throws Exception {
        DeliveryLedger.Step step = ledger.beginStep("s", 1);
        long seq = send(1, 0);
        StepResult closed = ledger.close(step, Duration.ZERO, false);
        ledger.delivered(alice, new Payload(seq, 0), 1_000);

        assertThat(closed.lost()).isEqualTo(1);
        StepResult again = ledger.close(step, Duration.ZERO, false);
        assertThat(again.late()).isEqualTo(1);
        assertThat(again.delivered()).isZero();
    }

    @Test
    void closeWaitsForReceiptsStillOnTheirWay() throws Exception {
        DeliveryLedger.Step step = ledger.beginStep("s", 1);
        long seq = send(1, 0);
        Thread late = Thread.ofPlatform().start(() -> {
            sleep(150);
            ledger.delivered(alice, new Payload(seq, 0), System.nanoTime());
        });

        StepResult result = ledger.close(step, Duration.ofSeconds(5), false);
        late.join();

        assertThat(result.lost()).isZero();
        assertThat(result.delivered()).isEqualTo(1);
    }

    @Test
    void aMessageIsAckedOnceHoweverOftenTheServerAcksIt() throws Exception {
        DeliveryLedger.Step step = ledger.beginStep("s", 1);
        long seq = send(0, 1_000_000);
        ledger.acked(seq, 3_000_000);
        ledger.acked(seq, 4_000_000);

        StepResult result = ledger.close(step, Duration.ZERO, true);

        assertThat(result.acked()).isEqualTo(1);
        assertThat(result.ackLatency().maxMs()).isBetween(1.99, 2.01);
        assertThat(ledger.sawAcks()).isTrue();
    }

    @Test
    void aFailedSendIsAnErrorNotALoss() throws Exception {
        DeliveryLedger.Step step = ledger.beginStep("s", 1);
        long seq = ledger.register(sender, 3, 0);
        ledger.sendCompleted(seq, new IOException("broken pipe"));

        StepResult result = ledger.close(step, Duration.ZERO, false);

        assertThat(result.sent()).isZero();
        assertThat(result.sendFailures()).isEqualTo(1);
        assertThat(result.errors()).isEqualTo(1);
        assertThat(result.lost()).isZero();
        assertThat(ledger.errorsByKind()).containsEntry("send failed: IOException", 1L);
    }

    @Test
    void messagesCountInTheStepTheyWereSentIn() throws Exception {
        DeliveryLedger.Step one = ledger.beginStep("one", 1);
        long early = send(1, 0);
        ledger.endSending(one);
        DeliveryLedger.Step two = ledger.beginStep("two", 2);
        long later = send(1, 0);
        ledger.delivered(alice, new Payload(early, 0), 1_000);
        ledger.delivered(alice, new Payload(later, 0), 1_000);

        assertThat(ledger.close(one, Duration.ZERO, false).delivered()).isEqualTo(1);
        assertThat(ledger.close(two, Duration.ZERO, false).delivered()).isEqualTo(1);
    }

    @Test
    void messagesThisRunDidNotSendAreForeign() {
        ledger.beginStep("s", 1);
        send(1, 0);
        ledger.delivered(alice, new Payload(999, 0), 1_000);

        assertThat(ledger.foreignMessages()).isEqualTo(1);
    }

    @Test
    void aNewStepCannotBeginWhileTheLastOneStillSends() {
        ledger.beginStep("s", 1);
        assertThatThrownBy(() -> ledger.beginStep("t", 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStepKeepsItsFirstSecondsApartFromTheRest() throws Exception {
        DeliveryLedger.Step step = ledger.beginStep("250/s", 250);
        long cold = send(2, 0);
        ledger.delivered(alice, new Payload(cold, 0), 120_000_000);
        ledger.delivered(bob, new Payload(cold, 0), 140_000_000);
        step.interval();
        long warm = send(2, 0);
        ledger.delivered(alice, new Payload(warm, 0), 3_000_000);
        ledger.delivered(bob, new Payload(warm, 0), 2_000_000);

        StepResult result = ledger.close(step, Duration.ZERO, false);

        assertThat(result.windows()).as("one window up to the progress line, one for the rest").hasSize(2);
        LatencyWindow first = result.windows().get(0);
        LatencyWindow rest = result.windows().get(1);
        assertThat(first.fromSeconds()).isZero();
        assertThat(rest.fromSeconds()).isEqualTo(first.toSeconds());
        assertThat(first.latency().count()).isEqualTo(2);
        assertThat(first.latency().maxMs()).isBetween(139.0, 141.0);
        assertThat(rest.latency().count()).isEqualTo(2);
        assertThat(rest.latency().maxMs()).as("the warm receipts, without the cold ones").isBetween(2.9, 3.1);
        assertThat(result.latency().count()).as("the step's own percentiles keep every receipt").isEqualTo(4);
    }

    private long send(int recipients, long intended) {
        long seq = ledger.register(sender, recipients, intended);
        ledger.sendCompleted(seq, null);
        return seq;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
