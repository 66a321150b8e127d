package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.socket.PingMessage;

/**
 * When a connection is pinged, found silent or expired, on a clock stepped by hand: the bounds the
 * socket tests cannot pin down without timing them.
 */
class ConnectionTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:15:30Z");
    private static final WebSocketProperties LIMITS = limits("ping-interval", "1s", "idle-timeout", "4s");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FakeSession session = new FakeSession();
    private final Connection connection = new Connection("c-1", session,
            new AuthenticatedUser(new UserId(1), new Username("alice"), new SessionId(1)), NOW.plusSeconds(900),
            new Room(new RoomId(1), new RoomName("lobby"), false, new UserId(1), NOW), LIMITS, nanos::get,
            (c, frame) -> { }, new LongAdder());

    {
        connection.outbound().startWriter();
    }

    @Test
    void aSilentConnectionIsPingedEverySecondAndClosedWith1001OnlyOnceSilentForLongerThanTheIdleTimeout() {
        for (int second = 1; second <= 4; second++) {
            step(Duration.ofSeconds(1));
            connection.tick(nanos.get(), NOW);
        }
        assertThat(session.isClosed()).as("silent for exactly the idle timeout").isFalse();

        step(Duration.ofNanos(1));
        connection.tick(nanos.get(), NOW);

        assertThat(session.closeStatus()).isEqualTo(Connection.IDLE);
        assertThat(session.closeStatus().getCode()).isEqualTo(1001);
        assertThat(session.written).hasSizeLessThanOrEqualTo(4).allMatch(m -> m instanceof PingMessage);
    }

    @Test
    void anythingHeardStartsTheSilenceAgain() {
        step(Duration.ofSeconds(3));
        connection.heard(nanos.get());
        step(Duration.ofSeconds(4));
        connection.tick(nanos.get(), NOW);
        assertThat(session.isClosed()).isFalse();

        step(Duration.ofMillis(1));
        connection.tick(nanos.get(), NOW);

        assertThat(session.closeStatus()).isEqualTo(Connection.IDLE);
    }

    @Test
    void theConnectionClosesWith1008WhenItsAccessTokenExpiresUnlessRenewed() {
        connection.tick(nanos.get(), NOW.plusSeconds(899));
        assertThat(session.isClosed()).isFalse();
        connection.renewed(connection.caller(), NOW.plusSeconds(1800));
        connection.tick(nanos.get(), NOW.plusSeconds(900));
        assertThat(session.isClosed()).as("renewed").isFalse();

        connection.tick(nanos.get(), NOW.plusSeconds(1800));

        assertThat(session.closeStatus()).isEqualTo(Connection.TOKEN_EXPIRED);
        assertThat(session.closeStatus().getCode()).isEqualTo(1008);
    }

    private void step(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    private static WebSocketProperties limits(String... settings) {
        var values = new java.util.HashMap<String, String>();
        for (int i = 0; i < settings.length; i += 2) {
            values.put("chat.websocket." + settings[i], settings[i + 1]);
        }
        return new Binder(List.of(new MapConfigurationPropertySource(values)))
                .bindOrCreate("chat.websocket", Bindable.of(WebSocketProperties.class));
    }
}
