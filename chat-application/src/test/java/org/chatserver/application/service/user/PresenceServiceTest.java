package org.chatserver.application.service.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.application.fakes.InMemoryMessageRepository;
import org.chatserver.application.fakes.InMemoryPresenceStore;
import org.chatserver.application.fakes.InMemoryRoomRepository;
import org.chatserver.application.fakes.InMemoryUserRepository;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** Online, away and offline from one node's connections, and what reaches the store. */
class PresenceServiceTest {

    private final MutableClock clock = MutableClock.startingAt("2026-11-25T10:00:00Z");
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final List<String> reports = new ArrayList<>();
    private final InMemoryPresenceStore stored = new InMemoryPresenceStore();
    private final PresenceStore store = new PresenceStore() {
        @Override
        public void report(UserId user, PresenceStatus onThisNode, Instant at) {
            reports.add(user.value() + " " + onThisNode);
            stored.report(user, onThisNode, at);
        }

        @Override
        public java.util.Map<UserId, UserPresence> presence(java.util.Collection<UserId> wanted) {
            return stored.presence(wanted);
        }
    };
    private final PresenceService presence = new PresenceService(store, users,
            new InMemoryRoomRepository(users, new InMemoryMessageRepository(users)), clock, Duration.ofMinutes(5));
    private final AuthenticatedUser alice = user("alice");

    @Test
    void someoneWhoNeverConnectedIsOfflineAndNeverSeen() {
        assertThat(presence.user(alice, new Username("ALICE")).presence()).contains(UserPresence.NEVER_SEEN);
        assertThat(presence.user(alice, new Username("alice")).user().username()).isEqualTo(new Username("alice"));
    }

    @Test
    void anUnknownUserIsNotFound() {
        assertThatThrownBy(() -> presence.user(alice, new Username("nobody")))
                .isInstanceOf(NotFoundException.class).hasMessage("User not found");
    }

    @Test
    void onlineWhileAnyConnectionIsOpenOfflineWhenTheLastCloses() {
        presence.connected(alice, "c1");
        presence.connected(alice, "c2");
        assertThat(statusOf(alice)).isEqualTo(new UserPresence(PresenceStatus.ONLINE, clock.instant()));

        presence.disconnected("c1");
        assertThat(statusOf(alice).status()).isEqualTo(PresenceStatus.ONLINE);

        clock.advance(Duration.ofSeconds(7));
        presence.disconnected("c2");
        assertThat(statusOf(alice)).isEqualTo(new UserPresence(PresenceStatus.OFFLINE, clock.instant()));
        assertThat(reports).as("one report per change, none per connection").containsExactly("1 ONLINE", "1 OFFLINE");
    }

    @Test
    void awayWhenTheClientSaysSoUntilAFrameOrItSaysOtherwise() {
        presence.connected(alice, "c1");
        presence.declared("c1", true);
        assertThat(statusOf(alice).status()).isEqualTo(PresenceStatus.AWAY);

        presence.heard("c1");
        assertThat(statusOf(alice).status()).isEqualTo(PresenceStatus.ONLINE);

        presence.declared("c1", true);
        presence.declared("c1", false);
        assertThat(statusOf(alice).status()).isEqualTo(PresenceStatus.ONLINE);
        assertThat(reports).containsExactly("1 ONLINE", "1 AWAY", "1 ONLINE", "1 AWAY", "1 ONLINE");
    }

    @Test
    void awayAfterThePeriodWithoutAFrameAndOnlineAgainOnTheNext() {
        presence.connected(alice, "c1");
        clock.advance(Duration.ofMinutes(4));
        presence.heard("c1");
        clock.advance(Duration.ofMinutes(4));
        presence.sweep();
        assertThat(statusOf(alice).status()).as("heard 4 minutes ago").isEqualTo(PresenceStatus.ONLINE);

        clock.advance(Duration.ofMinutes(1));
        presence.sweep();
        assertThat(statusOf(alice).status()).isEqualTo(PresenceStatus.AWAY);

        presence.heard("c1");
        assertThat(statusOf(alice).status()).isEqualTo(PresenceStatus.ONLINE);
        presence.heard("c1");
        presence.sweep();
        assertThat(reports).containsExactly("1 ONLINE", "1 AWAY", "1 ONLINE");
    }

    @Test
    void oneActiveConnectionKeepsTheUserOnline() {
        presence.connected(alice, "phone");
        presence.connected(alice, "laptop");
        presence.declared("laptop", true);
        assertThat(statusOf(alice).status()).isEqualTo(PresenceStatus.ONLINE);

        presence.disconnected("phone");
        assertThat(statusOf(alice).status()).isEqualTo(PresenceStatus.AWAY);
    }

    @Test
    void framesOfConnectionsThatAreGoneChangeNothing() {
        presence.connected(alice, "c1");
        presence.disconnected("c1");
        presence.heard("c1");
        presence.declared("c1", true);
        presence.disconnected("c1");

        assertThat(reports).containsExactly("1 ONLINE", "1 OFFLINE");
    }

    private UserPresence statusOf(AuthenticatedUser user) {
        return presence.presence(List.of(user.userId())).get(user.userId());
    }

    private AuthenticatedUser user(String name) {
        User created = users.create(new Username(name), new PasswordHash("h"), clock.instant()).orElseThrow();
        return new AuthenticatedUser(created.id(), created.username(), new SessionId(1));
    }
}
