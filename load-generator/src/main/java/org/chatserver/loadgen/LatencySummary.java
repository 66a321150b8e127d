package org.chatserver.loadgen;

import org.HdrHistogram.Histogram;

/** Percentiles of one histogram of microsecond values, in milliseconds. */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
                             double meanMs) {

    /** Largest value a histogram holds; larger ones are clamped to it (an hour, far beyond any step). */
    public static final long HIGHEST_MICROS = 3_600_000_000L;

    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
                Math.round(h.getMean()) / 1000.0);
    }

    public static long clampMicros(long nanos) {
        return Math.min(Math.max(nanos / 1000, 0), HIGHEST_MICROS);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
