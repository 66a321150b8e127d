package org.chatserver.adapter.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.chatserver.adapter.wire.Outage;
import org.chatserver.application.port.in.auth.SessionLifetimeUseCase;
import org.chatserver.domain.SessionId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open connections must not outlive their login session. A session ended on this node (logout,
 * refresh-token reuse) closes its connections at once; one ended on another node is found by
 * asking the session store about every open connection's session, in batches, every
 * {@code session-check-interval}. While the store cannot be asked, connections stay open and the
 * next check tries again.
 */
final class SessionGuard {

    static final int BATCH = 500;
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(SessionGuard.class);

    private final SessionLifetimeUseCase lifetimes;
    private final Connections connections;
    private final long intervalNanos;
    private final RateLimitedLog failures;
    private final AtomicBoolean checking = new AtomicBoolean();
    private long lastCheckNanos;

    SessionGuard(SessionLifetimeUseCase lifetimes, Connections connections, WebSocketProperties limits,
                 Ticker ticker) {
        this.lifetimes = lifetimes;
        this.connections = connections;
        this.intervalNanos = limits.sessionCheckInterval().toNanos();
        this.failures = new RateLimitedLog(log, FAILURE_LOG_INTERVAL, ticker);
        this.lastCheckNanos = ticker.nanoTime();
        lifetimes.onEnded(this::ended);
    }

    /** From the upkeep timer: starts a check when one is due and none is running. */
    void tick(long nowNanos) {
        if (nowNanos - lastCheckNanos < intervalNanos || !checking.compareAndSet(false, true)) {
            return;
        }
        lastCheckNanos = nowNanos;
        // the store may be slow or down: never on the timer, which also pings every connection
        Thread.ofVirtual().name("ws-session-check").start(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                Optional<Outage> outage = Outage.of(e);
                if (outage.isPresent()) {
                    // the store being down is no bug: a warning without a stack trace; the next check tries again
                    failures.warn("Could not check the sessions of open WebSocket connections", outage.get().cause());
                } else {
                    failures.error("Could not check the sessions of open WebSocket connections", e);
                }
            } finally {
                checking.set(false);
            }
        });
    }

    private void check() {
        Set<SessionId> open = new HashSet<>();
        connections.all().forEach(c -> open.add(c.caller().sessionId()));
        List<SessionId> all = new ArrayList<>(open);
        for (int from = 0; from < all.size(); from += BATCH) {
            lifetimes.ended(all.subList(from, Math.min(from + BATCH, all.size()))).forEach(this::ended);
        }
    }

    private void ended(SessionId session) {
        for (Connection connection : connections.all()) {
            if (connection.caller().sessionId().equals(session)) {
                connection.closeAfterQueued(Connection.SESSION_ENDED);
            }
        }
    }
}
