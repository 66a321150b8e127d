package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CoordinatedOmissionTest {

    private static final long MS = 1_000_000;

    @Test
    void scheduleSpacesMessagesByTheRateFromItsStart() {
        FixedRateSchedule schedule = new FixedRateSchedule(5_000, 250, Duration.ofSeconds(2));

        assertThat(schedule.count()).isEqualTo(500);
        assertThat(schedule.intendedNanos(0)).isEqualTo(5_000);
        assertThat(schedule.intendedNanos(1)).isEqualTo(5_000 + 4 * MS);
        assertThat(schedule.intendedNanos(499)).isEqualTo(5_000 + 1_996 * MS);
        assertThat(schedule.endNanos()).isEqualTo(5_000 + 2_000 * MS);
    }

    @Test
    void fractionalRatesDoNotDrift() {
        FixedRateSchedule schedule = new FixedRateSchedule(0, 3, Duration.ofSeconds(10));

        assertThat(schedule.count()).isEqualTo(30);
        assertThat(schedule.intendedNanos(3)).isEqualTo(1_000 * MS);
        assertThat(schedule.intendedNanos(29)).isEqualTo(9_666_666_667L);
    }

    /**
     * 1000 msg/s for 10 s against a server that answers in 1 ms but stalls 1 s at t=5 s. Every
     * message due during the stall waits for its end: about 10% of messages are slow, so p99 is
     * hundreds of milliseconds. Timing from the actual send of a sender that waited would show
     * one slow message and a p99 of 1 ms, hiding the stall.
     */
    @Test
    void aStallIsChargedToEveryMessageScheduledDuringIt() {
        FixedRateSchedule schedule = new FixedRateSchedule(0, 1000, Duration.ofSeconds(10));
        long stallStart = 5_000 * MS;
        long stallEnd = 6_000 * MS;
        Histogram fromIntended = LatencySummary.newHistogram();
        Histogram fromActualSend = LatencySummary.newHistogram();
        long senderFreeAt = 0;
        for (long i = 0; i < schedule.count(); i++) {
            long intended = schedule.intendedNanos(i);
            // a closed-loop sender only sends when the previous answer is back
            long actualSend = Math.max(intended, senderFreeAt);
            long served = actualSend >= stallStart && actualSend < stallEnd ? stallEnd : actualSend;
            long answered = served + MS;
            senderFreeAt = answered;
            fromIntended.recordValue(LatencySummary.clampMicros(answered - intended));
            fromActualSend.recordValue(LatencySummary.clampMicros(answered - actualSend));
        }

        LatencySummary corrected = LatencySummary.of(fromIntended);
        LatencySummary naive = LatencySummary.of(fromActualSend);

        assertThat(corrected.count()).isEqualTo(10_000);
        assertThat(corrected.p50Ms()).isBetween(0.9, 1.1);
        assertThat(corrected.p99Ms()).isGreaterThan(800);
        assertThat(corrected.maxMs()).isBetween(1_000.0, 1_002.0);
        assertThat(naive.p99Ms()).isLessThan(2);
    }

    @Test
    void summaryIsInMillisecondsAndEmptyHistogramsAreZero() {
        Histogram h = LatencySummary.newHistogram();
        assertThat(LatencySummary.of(h)).isEqualTo(new LatencySummary(0, 0, 0, 0, 0, 0, 0));

        for (int i = 1; i <= 1000; i++) {
            h.recordValue(i * 1000L);
        }
        LatencySummary s = LatencySummary.of(h);
        assertThat(s.p50Ms()).isBetween(499.0, 501.0);
        assertThat(s.p999Ms()).isBetween(998.0, 1000.5);
        assertThat(s.maxMs()).isBetween(999.0, 1000.5);
    }

    @Test
    void valuesOutsideTheHistogramAreClampedNotThrown() {
        assertThat(LatencySummary.clampMicros(-5_000)).isZero();
        assertThat(LatencySummary.clampMicros(Long.MAX_VALUE)).isEqualTo(LatencySummary.HIGHEST_MICROS);
    }
}
