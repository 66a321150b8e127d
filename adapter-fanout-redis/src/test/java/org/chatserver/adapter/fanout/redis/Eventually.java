package org.chatserver.adapter.fanout.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what must happen, polling, and fails naming it when it does not happen within a generous bound. */
final class Eventually {

    private Eventually() {
    }

    /** Returns how long it took, for tests that print a measurement (never asserted more tightly than the bound). */
    static Duration within(Duration bound, String what, BooleanSupplier condition) {
        long started = System.nanoTime();
        long deadline = started + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + bound);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
