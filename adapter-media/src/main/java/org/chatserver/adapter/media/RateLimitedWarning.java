package org.chatserver.adapter.media;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning logged at most once a minute with the number of times it happened since: under attack
 * the same event may come thousands of times a second, and the log must stay readable.
 */
final class RateLimitedWarning {

    private static final long EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger log;
    private final AtomicLong unreported = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - EVERY_NANOS);

    RateLimitedWarning(Logger log) {
        this.log = log;
    }

    /** @param format an SLF4J pattern whose first placeholder is the count, followed by {@code arguments} */
    void warn(String format, Object... arguments) {
        unreported.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            Object[] all = new Object[arguments.length + 1];
            all[0] = unreported.getAndSet(0);
            System.arraycopy(arguments, 0, all, 1, arguments.length);
            log.warn(format, all);
        }
    }
}
