package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chatserver.application.port.out.auth.SessionStore.RefreshTokenRecord;
import org.chatserver.application.port.out.auth.SessionStore;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.AuthSession;
import org.chatserver.domain.DeviceLabel;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} must do. Extend it once per implementation (in-memory fake, SQLite,
 * PostgreSQL). Instants are kept to the millisecond, as in {@link UserRepositoryContract}.
 */
public abstract class SessionStoreContract {

    protected static final Instant T0 = Instant.parse("2026-11-02T10:15:30.123456789Z");
    private static final Instant T0_MILLIS = Instant.parse("2026-11-02T10:15:30.123Z");

    /** A session store and the user repository it checks users against, both over the same fresh store. */
    public record Stores(SessionStore sessions, UserRepository users) {
    }

    private SessionStore store;
    private UserRepository users;
    private UserId alice;

    /** Called once before each test. */
    protected abstract Stores newStores();

    @BeforeEach
    void createStores() {
        var stores = newStores();
        store = stores.sessions();
        users = stores.users();
        alice = user("alice");
    }

    @Test
    void openedSessionIsFoundActive() {
        var session = store.open(alice, T0);

        assertThat(session.userId()).isEqualTo(alice);
        assertThat(session.createdAt()).isEqualTo(T0_MILLIS);
        assertThat(session.isActive()).isTrue();
        assertThat(session.lastUsedAt()).as("used when it began").isEqualTo(T0_MILLIS);
        assertThat(session.device()).as("a device that could not be told").isNull();
        assertThat(store.find(session.id())).contains(session);
    }

    @Test
    void aSessionKeepsTheLabelOfItsDevice() {
        var label = new DeviceLabel("Firefox on Linux — ünïcode 😀");
        var session = store.open(alice, label, T0);

        assertThat(session.device()).isEqualTo(label);
        assertThat(store.find(session.id()).orElseThrow().device()).isEqualTo(label);
        var longest = new DeviceLabel("😀".repeat(DeviceLabel.MAX_LENGTH));
        assertThat(store.find(store.open(alice, longest, T0).id()).orElseThrow().device()).isEqualTo(longest);
    }

    @Test
    void aUseMovesTheLastUseAndNothingElse() {
        var session = store.open(alice, new DeviceLabel("Safari on iOS"), T0);

        store.recordUse(session.id(), T0.plusSeconds(90));
        store.recordUse(new SessionId(987_654_321L), T0.plusSeconds(90));

        var found = store.find(session.id()).orElseThrow();
        assertThat(found.lastUsedAt()).isEqualTo(T0_MILLIS.plusSeconds(90));
        assertThat(found).isEqualTo(new AuthSession(session.id(), alice, T0_MILLIS, null,
                new DeviceLabel("Safari on iOS"), T0_MILLIS.plusSeconds(90)));
        assertThat(store.find(new SessionId(987_654_321L))).isEmpty();
    }

    @Test
    void liveSessionsAreTheUsersUnrevokedUnexpiredOnesLastUsedFirst() {
        var bob = user("bob");
        var laptop = live(alice, T0);
        var phone = live(alice, T0);
        var tablet = live(alice, T0);
        store.recordUse(phone.id(), T0.plusSeconds(30));
        store.recordUse(laptop.id(), T0.plusSeconds(20));
        var loggedOut = live(alice, T0);
        store.revoke(loggedOut.id(), T0.plusSeconds(1));
        var expiring = store.open(alice, T0);
        store.addRefreshToken(expiring.id(), "expiring", T0.plusSeconds(100));
        var neverGivenAToken = store.open(alice, T0);
        live(bob, T0);

        assertThat(store.liveOf(alice, T0.plusSeconds(99)))
                .extracting(AuthSession::id)
                .as("the last used first; of two used at once, the newer first")
                .containsExactly(phone.id(), laptop.id(), expiring.id(), tablet.id());
        assertThat(store.liveOf(alice, T0.plusSeconds(100))).extracting(AuthSession::id)
                .as("a refresh token is expired at its expiry").doesNotContain(expiring.id())
                .doesNotContain(neverGivenAToken.id(), loggedOut.id());
        assertThat(store.liveOf(alice, T0.plusSeconds(99)).getFirst().lastUsedAt()).isEqualTo(T0_MILLIS.plusSeconds(30));
        assertThat(store.liveOf(new UserId(987_654_321L), T0)).isEmpty();
    }

    @Test
    void theNewestRefreshTokenDecidesWhetherASessionLives() {
        var session = store.open(alice, T0);
        store.addRefreshToken(session.id(), "first", T0.plusSeconds(100));
        store.markRefreshTokenUsed("first", T0.plusSeconds(50));
        store.addRefreshToken(session.id(), "second", T0.plusSeconds(150));

        assertThat(store.liveOf(alice, T0.plusSeconds(120))).extracting(AuthSession::id).containsExactly(session.id());
        assertThat(store.liveOf(alice, T0.plusSeconds(150))).isEmpty();
    }

    @Test
    void sessionIdsArePositiveAndDistinctAcrossUsers() {
        var bob = user("bob");
        Set<SessionId> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            ids.add(store.open(alice, T0).id());
            ids.add(store.open(bob, T0).id());
        }

        assertThat(ids).hasSize(6).allSatisfy(id -> assertThat(id.value()).isPositive());
        assertThat(ids).filteredOn(id -> store.find(id).orElseThrow().belongsTo(bob)).hasSize(3);
    }

    @Test
    void unknownSessionIsNotFound() {
        store.open(alice, T0);

        assertThat(store.find(new SessionId(987_654_321L))).isEmpty();
    }

    @Test
    void sessionOfUnknownUserIsRefusedAndNothingIsStored() {
        var before = store.open(alice, T0);

        assertThatThrownBy(() -> store.open(new UserId(987_654_321L), T0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("987654321");

        var after = store.open(alice, T0);
        assertThat(store.find(after.id()).orElseThrow().userId()).isEqualTo(alice);
        assertThat(store.find(before.id())).isPresent();
    }

    @Test
    void revokedSessionKeepsTheFirstRevocationTime() {
        var session = store.open(alice, T0);

        store.revoke(session.id(), T0.plusSeconds(60));
        store.revoke(session.id(), T0.plusSeconds(120));

        var found = store.find(session.id()).orElseThrow();
        assertThat(found.isActive()).isFalse();
        assertThat(found.revokedAt()).isEqualTo(T0_MILLIS.plusSeconds(60));
        assertThat(found.createdAt()).isEqualTo(T0_MILLIS);
    }

    @Test
    void revokingOneSessionLeavesTheOthersActive() {
        var first = store.open(alice, T0);
        var second = store.open(alice, T0);

        store.revoke(first.id(), T0.plusSeconds(1));

        assertThat(store.find(second.id())).map(AuthSession::isActive).contains(true);
    }

    @Test
    void revokingTheOthersOfAUserKeepsTheOneAskingAndOtherUsers() {
        var bob = user("bob");
        var asking = store.open(alice, T0);
        var phone = store.open(alice, T0);
        var laptop = store.open(alice, T0);
        var endedBefore = store.open(alice, T0);
        store.revoke(endedBefore.id(), T0.plusSeconds(1));
        var bobs = store.open(bob, T0);

        var revoked = store.revokeOthersOf(alice, asking.id(), T0.plusSeconds(60));

        assertThat(revoked).containsExactlyInAnyOrder(phone.id(), laptop.id());
        assertThat(store.activeAmong(List.of(asking.id(), phone.id(), laptop.id(), endedBefore.id(), bobs.id())))
                .containsExactlyInAnyOrder(asking.id(), bobs.id());
        assertThat(store.find(phone.id()).orElseThrow().revokedAt()).isEqualTo(T0_MILLIS.plusSeconds(60));
        assertThat(store.find(endedBefore.id()).orElseThrow().revokedAt()).as("its first revocation stands")
                .isEqualTo(T0_MILLIS.plusSeconds(1));
        assertThat(store.revokeOthersOf(alice, asking.id(), T0.plusSeconds(61))).as("nothing left to revoke").isEmpty();
        assertThat(store.revokeOthersOf(new UserId(987_654_321L), asking.id(), T0)).as("no such user").isEmpty();
    }

    @Test
    void revokingAnUnknownSessionChangesNothing() {
        var session = store.open(alice, T0);

        store.revoke(new SessionId(987_654_321L), T0.plusSeconds(1));

        assertThat(store.find(new SessionId(987_654_321L))).isEmpty();
        assertThat(store.find(session.id())).contains(session);
    }

    @Test
    void activeAmongAnswersTheLiveSessionsOfABatch() {
        var bob = user("bob");
        var live = store.open(alice, T0);
        var otherUsers = store.open(bob, T0);
        var loggedOut = store.open(alice, T0);
        store.revoke(loggedOut.id(), T0.plusSeconds(1));
        var unknown = new SessionId(987_654_321L);

        assertThat(store.activeAmong(List.of(live.id(), otherUsers.id(), loggedOut.id(), unknown, live.id())))
                .containsExactlyInAnyOrder(live.id(), otherUsers.id());
        assertThat(store.activeAmong(List.of(loggedOut.id(), unknown))).isEmpty();
        assertThat(store.activeAmong(List.of())).isEmpty();
    }

    @Test
    void activeAmongAnswersBatchesOfAnySize() {
        // live sessions spread among 1,100 ids, so that an implementation reading in chunks crosses several
        List<SessionId> asked = new ArrayList<>();
        Set<SessionId> expected = new HashSet<>();
        for (int i = 0; i < 1_100; i++) {
            if (i % 20 == 0) {
                var session = store.open(alice, T0).id();
                if (i % 40 == 0) {
                    store.revoke(session, T0.plusSeconds(1));
                } else {
                    expected.add(session);
                }
                asked.add(session);
            } else {
                asked.add(new SessionId(900_000_000L + i));
            }
        }

        assertThat(expected).hasSize(27);
        assertThat(store.activeAmong(asked)).isEqualTo(expected);
    }

    @Test
    void refreshTokenIsFoundByItsHash() {
        var session = store.open(alice, T0);

        store.addRefreshToken(session.id(), "hash-1", T0.plusSeconds(3600));

        assertThat(store.findRefreshToken("hash-1"))
                .contains(new RefreshTokenRecord("hash-1", session.id(), T0_MILLIS.plusSeconds(3600), null));
        assertThat(store.findRefreshToken("hash-1").orElseThrow().isUsed()).isFalse();
    }

    @Test
    void tokenOfUnknownHashIsEmpty() {
        var session = store.open(alice, T0);
        store.addRefreshToken(session.id(), "hash-1", T0.plusSeconds(3600));

        assertThat(store.findRefreshToken("hash-2")).isEmpty();
        assertThat(store.findRefreshToken("HASH-1")).isEmpty();
        assertThat(store.markRefreshTokenUsed("hash-2", T0)).isFalse();
        assertThat(store.findRefreshToken("hash-2")).isEmpty();
    }

    @Test
    void refreshTokenOfUnknownSessionIsRefused() {
        assertThatThrownBy(() -> store.addRefreshToken(new SessionId(987_654_321L), "hash-1", T0.plusSeconds(3600)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("987654321");

        assertThat(store.findRefreshToken("hash-1")).isEmpty();
    }

    @Test
    void refreshTokenIsUsedOnlyOnce() {
        var session = store.open(alice, T0);
        store.addRefreshToken(session.id(), "hash-1", T0.plusSeconds(3600));

        assertThat(store.markRefreshTokenUsed("hash-1", T0.plusSeconds(10))).isTrue();
        assertThat(store.markRefreshTokenUsed("hash-1", T0.plusSeconds(20))).isFalse();

        var token = store.findRefreshToken("hash-1").orElseThrow();
        assertThat(token.isUsed()).isTrue();
        assertThat(token.usedAt()).isEqualTo(T0_MILLIS.plusSeconds(10));
    }

    @Test
    void markingOneTokenUsedLeavesTheOthersUnused() {
        var session = store.open(alice, T0);
        store.addRefreshToken(session.id(), "hash-1", T0.plusSeconds(3600));
        store.addRefreshToken(session.id(), "hash-2", T0.plusSeconds(7200));

        store.markRefreshTokenUsed("hash-1", T0.plusSeconds(10));

        assertThat(store.findRefreshToken("hash-2").orElseThrow().isUsed()).isFalse();
    }

    @Test
    void ofConcurrentUsesOfOneTokenExactlyOneWins() throws Exception {
        var session = store.open(alice, T0);
        store.addRefreshToken(session.id(), "contended", T0.plusSeconds(3600));
        int threads = 8;
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                var now = T0.plusSeconds(100 + i);
                Callable<Boolean> use = () -> {
                    start.await();
                    return store.markRefreshTokenUsed("contended", now);
                };
                results.add(pool.submit(use));
            }
            start.countDown();

            List<Instant> winnerTimes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                if (results.get(i).get(30, TimeUnit.SECONDS)) {
                    winnerTimes.add(T0_MILLIS.plusSeconds(100 + i));
                }
            }
            assertThat(winnerTimes).hasSize(1);
            assertThat(store.findRefreshToken("contended").orElseThrow().usedAt()).isEqualTo(winnerTimes.getFirst());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A session with a refresh token good for an hour. */
    private AuthSession live(UserId user, Instant now) {
        var session = store.open(user, now);
        store.addRefreshToken(session.id(), "token-of-" + session.id(), now.plusSeconds(3600));
        return session;
    }

    private UserId user(String name) {
        return users.create(new Username(name), new PasswordHash("hash-of-" + name), T0).orElseThrow().id();
    }
}
