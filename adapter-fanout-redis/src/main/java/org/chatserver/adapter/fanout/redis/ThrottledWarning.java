package org.chatserver.adapter.fanout.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Counts occurrences and says when a warning is due, so a Redis outage does not flood the log. */
final class ThrottledWarning {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastWarned = new AtomicLong(System.nanoTime() - INTERVAL.toNanos());

    /** Counts one occurrence; true when the last warning is at least {@link #INTERVAL} ago. */
    boolean due() {
        count.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarned.get();
        return now - last >= INTERVAL.toNanos() && lastWarned.compareAndSet(last, now);
    }

    /** The occurrences since the last call, for the warning's text. */
    long takeCount() {
        return count.getAndSet(0);
    }
}
