package org.chatserver.adapter.websocket;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system's monotonic time plus whatever a test has stepped it forward by; or, while frozen,
 * standing still (stepped by hand only). Never goes back.
 */
final class SteppingTicker implements Ticker {

    private final AtomicLong offset = new AtomicLong();
    private volatile long frozenAt;
    private volatile boolean frozen;

    @Override
    public long nanoTime() {
        return frozen ? frozenAt : System.nanoTime() + offset.get();
    }

    synchronized void step(Duration by) {
        if (frozen) {
            frozenAt += by.toNanos();
        } else {
            offset.addAndGet(by.toNanos());
        }
    }

    /** Time stands still until {@link #thaw()}, except for steps. */
    synchronized void freeze() {
        frozenAt = nanoTime();
        frozen = true;
    }

    /** Time runs again, on from where it stood. */
    synchronized void thaw() {
        offset.set(frozenAt - System.nanoTime());
        frozen = false;
    }
}
