package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.application.fakes.InMemorySessionStore;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.in.UnauthenticatedException;
import org.chatserver.application.port.in.auth.TokenPair;
import org.chatserver.application.service.auth.LogOutService;
import org.chatserver.application.service.auth.RefreshTokensService;
import org.chatserver.domain.Room;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * An open connection does not outlive its login session: closed (1008) at logout and when a reused
 * refresh token revokes the session, at once on this node and after the periodic check on any
 * other; and when its access token expires, unless the client renewed it over the socket. Pings
 * and the session check are an hour apart here, so that only a test stepping the ticker sets them off.
 */
@TestPropertySource(properties = {
        "chat.websocket.ping-interval=1h",
        "chat.websocket.idle-timeout=3h",
        "chat.websocket.session-check-interval=2h"
})
class SessionLifetimeTest extends WebSocketTestSupport {

    private static final Duration TOKEN_TTL = Duration.ofMinutes(15);

    @Autowired
    LogOutService logOut;

    @Autowired
    RefreshTokensService refresh;

    @Autowired
    InMemorySessionStore sessions;

    @Autowired
    MutableClock clock;

    @Test
    void aLogoutClosesTheSessionsConnectionsOnThisNodeAtOnce() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            logOut.logOut(alice.caller());

            assertThat(a.closeStatus()).isEqualTo("1008 Session ended");
            assertThat(b.next("user_left")).containsEntry("sender", alice.name());
            b.send(Map.of("type", "message", "content", "still here"));
            assertThat(b.next("ack")).containsKey("message_id");
        }
    }

    @Test
    void aReusedRefreshTokenClosesTheSessionsConnectionsAtOnce() {
        User alice = user("alice");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room)) {
            refresh.refresh(refresh.refresh(alice.refreshToken()).refreshToken());
            assertThatThrownBy(() -> refresh.refresh(alice.refreshToken()))
                    .isInstanceOf(UnauthenticatedException.class);

            assertThat(a.closeStatus()).isEqualTo("1008 Session ended");
        }
    }

    @Test
    void aSessionEndedOnAnotherNodeIsFoundByThePeriodicCheck() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            // what a logout on another node leaves behind: the store knows, this node was not told
            sessions.revoke(alice.caller().sessionId(), clock.instant());

            ticker.step(Duration.ofHours(2));

            assertThat(a.closeStatus()).isEqualTo("1008 Session ended");
            assertThat(b.next("user_left")).containsEntry("sender", alice.name());
            b.send(Map.of("type", "message", "content", "bob's session is live"));
            assertThat(b.next("ack")).containsKey("message_id");
            assertThat(b.isOpen()).isTrue();
        }
    }

    @Test
    void aConnectionClosesWhenItsAccessTokenExpires() {
        User alice = user("alice");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room)) {
            clock.advance(TOKEN_TTL);

            assertThat(a.closeStatus()).isEqualTo("1008 Token expired");
        }
    }

    @Test
    void aTokenRenewedOverTheSocketKeepsTheConnectionOpenPastTheOldOnesExpiry() {
        User alice = user("alice");
        User witness = user("witness");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient w = connect(witness, room)) {
            clock.advance(Duration.ofMinutes(10));
            TokenPair renewed = refresh.refresh(alice.refreshToken());

            a.send(Map.of("type", "auth", "token", renewed.accessToken()));
            assertThat(a.next("authenticated")).isEqualTo(Map.of("type", "authenticated",
                    "expires_at", WireTime.format(clock.instant().plus(TOKEN_TTL))));
            clock.advance(Duration.ofMinutes(6));

            // the witness connected with alice's first token: once it is closed, so would she have been
            assertThat(w.closeStatus()).isEqualTo("1008 Token expired");
            a.send(Map.of("type", "message", "content", "on the renewed token", "client_id", "r-1"));
            assertThat(a.next("ack")).containsEntry("client_id", "r-1");
            assertThat(a.isOpen()).isTrue();
        }
    }

    @Test
    void aRenewalThatIsNotAValidTokenOfTheSameUserIsRefusedAndChangesNothing() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room)) {
            a.send(Map.of("type", "auth", "ref", "r-1"));
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "token is required", "ref", "r-1"));
            a.send(Map.of("type", "auth", "token", "forged"));
            assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", "Could not validate credentials"));
            a.send(Map.of("type", "auth", "token", bob.token()));
            assertThat(a.next()).isEqualTo(Map.of("type", "error",
                    "message", "token must be one of the connected user"));

            clock.advance(TOKEN_TTL);
            assertThat(a.closeStatus()).isEqualTo("1008 Token expired");
        }
    }
}
