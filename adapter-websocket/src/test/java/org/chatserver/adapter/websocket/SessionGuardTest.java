package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.auth.SessionLifetimeUseCase;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The periodic check of open connections' sessions while the session store cannot be reached: the connections stay
 * open, the next check tries again, and the log says so as the other outages do, a warning without a stack trace
 * (a database outage is no bug, and a trace every minute hides the one line that matters).
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:15:30Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger checks = new AtomicInteger();
    private final WebSocketProperties limits = new Binder(List.of(new MapConfigurationPropertySource(
            Map.of("chat.websocket.session-check-interval", "30s"))))
            .bindOrCreate("chat.websocket", Bindable.of(WebSocketProperties.class));

    @Test
    void aStoreThatCannotBeReachedLeavesTheConnectionsOpenAndIsLoggedWithoutAStackTrace(CapturedOutput output)
            throws InterruptedException {
        Connections connections = new Connections(limits.maxConnectionsPerUser());
        FakeSession session = new FakeSession();
        Connection connection = new Connection("c-1", session,
                new AuthenticatedUser(new UserId(1), new Username("alice"), new SessionId(1)), NOW.plusSeconds(900),
                new Room(new RoomId(1), new RoomName("lobby"), false, new UserId(1), NOW), limits, nanos::get,
                (c, frame) -> { }, new LongAdder());
        connections.add(connection);
        SessionGuard guard = new SessionGuard(new StoreDown(), connections, limits, nanos::get);

        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        guard.tick(nanos.get());
        awaitChecks(1);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        guard.tick(nanos.get());
        awaitChecks(2);

        assertThat(session.isOpen()).as("the connection, while its session cannot be checked").isTrue();
        assertThat(output.getAll()).containsPattern("WARN .*Could not check the sessions of open WebSocket connections")
                .contains("Connection is not available").doesNotContain("\tat ");
    }

    private void awaitChecks(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (checks.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited 10 s for check " + count);
            }
            Thread.sleep(10);
        }
        Thread.sleep(50); // the failed check's log line and its end
    }

    /** The session store behind the use case is down, as Hikari reports it. */
    private final class StoreDown implements SessionLifetimeUseCase {

        @Override
        public Authenticated authenticate(String accessToken) {
            throw new UnsupportedOperationException("not needed");
        }

        @Override
        public Set<SessionId> ended(Collection<SessionId> sessions) {
            checks.incrementAndGet();
            throw new IllegalStateException("Failed to obtain JDBC Connection", new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 3000ms"));
        }

        @Override
        public void onEnded(Consumer<SessionId> listener) {
        }
    }
}
