package org.chatserver.loadgen;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Send times of a fixed-rate load: message {@code i} is due at {@code start + i / rate}, whether
 * or not the previous one went out on time. Latency is measured from this intended time, so a
 * server (or generator) that stalls is charged for every message that should have been sent
 * during the stall, not just the one that waited (Gil Tene's "coordinated omission").
 */
public record FixedRateSchedule(long startNanos, double ratePerSecond, Duration length) {

    public FixedRateSchedule {
        if (!(ratePerSecond > 0) || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("rate and length must be positive");
        }
    }

    /** How many messages the schedule holds. */
    public long count() {
        return (long) Math.floor(length.toNanos() / 1e9 * ratePerSecond);
    }

    public long intendedNanos(long index) {
        return startNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    public long endNanos() {
        return startNanos + length.toNanos();
    }

    /** Waits until message {@code index} is due; returns at once when already late. */
    public void awaitTurn(long index) {
        long due = intendedNanos(index);
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 1_000_000));
        }
    }
}
