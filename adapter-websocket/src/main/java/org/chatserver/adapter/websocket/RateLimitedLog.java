package org.chatserver.adapter.websocket;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Server faults that repeat, such as a database outage failing every frame, logged at most once
 * per interval: the first fault of each interval with its stack trace, and how many were left out
 * since the last entry. An outage then writes a few lines a minute, not one stack trace per frame.
 */
final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final Ticker ticker;
    private final AtomicLong suppressed = new AtomicLong();
    private long lastLoggedNanos;
    private boolean loggedOnce;

    RateLimitedLog(Logger log, Duration interval, Ticker ticker) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.ticker = ticker;
    }

    void error(String what, Throwable fault) {
        long leftOut = admit();
        if (leftOut < 0) {
            return;
        }
        if (leftOut == 0) {
            log.error("{}: {}", what, fault.toString(), fault);
        } else {
            log.error("{}: {} ({} more like it left out of the log since the last entry)", what, fault.toString(),
                    leftOut, fault);
        }
    }

    /** As {@link #error} for a failure that is no bug (the database unavailable, say): a warning, no stack trace. */
    void warn(String what, Throwable cause) {
        long leftOut = admit();
        if (leftOut == 0) {
            log.warn("{}: {}", what, cause.toString());
        } else if (leftOut > 0) {
            log.warn("{}: {} ({} more like it left out of the log since the last entry)", what, cause.toString(),
                    leftOut);
        }
    }

    /** How many entries were left out since the last one, or -1 when this one is to be left out too. */
    private long admit() {
        long now = ticker.nanoTime();
        synchronized (this) {
            if (loggedOnce && now - lastLoggedNanos < intervalNanos) {
                suppressed.incrementAndGet();
                return -1;
            }
            loggedOnce = true;
            lastLoggedNanos = now;
            return suppressed.getAndSet(0);
        }
    }
}
