package org.chatserver.adapter.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which server faults are worth a log line: the first of each kind, then at most one per
 * {@code window} for that kind, which tells how many like it went unlogged meanwhile. A full disk or
 * a database outage fails every request the same way; a thousand identical stack traces a second
 * say nothing the first did not, and bury everything else.
 */
final class ServerFaultLog {

    /** Kinds remembered at most; past that the table starts afresh (it only costs a few extra lines). */
    static final int MAX_KINDS = 1_000;

    private final Clock clock;
    private final Duration window;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    ServerFaultLog(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    /**
     * Counts one fault of {@code kind}. Empty: do not log it. Otherwise log it, mentioning the number
     * of faults of this kind left unlogged since the last line (0 for the first).
     */
    OptionalLong admit(String kind) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_KINDS && !windows.containsKey(kind)) {
            windows.clear();
        }
        long[] logWithSuppressed = {-1};
        windows.compute(kind, (k, current) -> {
            if (current == null || !now.isBefore(current.opened().plus(window))) {
                logWithSuppressed[0] = current == null ? 0 : current.suppressed();
                return new Window(now, 0);
            }
            return new Window(current.opened(), current.suppressed() + 1);
        });
        return logWithSuppressed[0] < 0 ? OptionalLong.empty() : OptionalLong.of(logWithSuppressed[0]);
    }

    /** What makes two faults the same: the exception and where it was thrown. */
    static String kindOf(Throwable fault) {
        Throwable root = fault;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 10; depth++) {
            root = root.getCause();
        }
        StackTraceElement[] frames = root.getStackTrace();
        String where = frames.length == 0 ? "" : frames[0].getClassName() + "." + frames[0].getMethodName();
        return fault.getClass().getName() + "/" + root.getClass().getName() + "@" + where;
    }

    private record Window(Instant opened, long suppressed) {
    }
}
