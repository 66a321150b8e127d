package org.chatserver.adapter.presence.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.chatserver.application.contract.PresenceStoreContract;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The presence contract on one node, then two nodes sharing one Redis: statuses combine, a node
 * shutting down takes its users with it at once, and a node that dies loses them within its TTL.
 * Redis: {@code -Dchat.test.redis.url}, env {@code CHAT_TEST_REDIS_URL}, else {@code redis://127.0.0.1:6379}.
 */
class RedisPresenceStoreTest extends PresenceStoreContract {

    static final String REDIS = setting();
    private final List<RedisPresenceStore> opened = new ArrayList<>();
    private final String prefix = "chat-test-" + UUID.randomUUID().toString().substring(0, 8) + ":presence:";

    @Override
    protected PresenceStore newStore() {
        return node(Duration.ofSeconds(15));
    }

    @AfterEach
    void closeNodesAndDeleteTheirKeys() {
        opened.forEach(RedisPresenceStore::close);
        // users' statuses live for weeks and the heartbeat index has no expiry: leave a shared Redis as it was
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(redis::unlink);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private RedisPresenceStore node(Duration ttl) {
        RedisPresenceStore store = RedisPresenceStore.connect(
                new RedisPresenceProperties(REDIS, prefix, Duration.ofSeconds(2), ttl), Clock.systemUTC());
        opened.add(store);
        return store;
    }

    private final UserId alice = new UserId(1);
    private final UserId bob = new UserId(2);

    @Test
    void twoNodesCombineTheMostPresentStatusWins() {
        RedisPresenceStore a = node(Duration.ofSeconds(15));
        RedisPresenceStore b = node(Duration.ofSeconds(15));

        a.report(alice, PresenceStatus.AWAY, T0);
        b.report(alice, PresenceStatus.ONLINE, T0);
        awaitStatus(a, alice, PresenceStatus.ONLINE);
        awaitStatus(b, alice, PresenceStatus.ONLINE);

        b.report(alice, PresenceStatus.OFFLINE, T0.plusSeconds(1));
        awaitStatus(a, alice, PresenceStatus.AWAY);

        a.report(alice, PresenceStatus.OFFLINE, T0.plusSeconds(2));
        awaitStatus(b, alice, PresenceStatus.OFFLINE);
        assertThat(b.presence(List.of(alice)).get(alice).lastSeen())
                .isEqualTo(T0.plusSeconds(2).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @Test
    void aNodeShuttingDownTakesItsUsersWithItAtOnce() {
        RedisPresenceStore a = node(Duration.ofSeconds(15));
        RedisPresenceStore b = node(Duration.ofSeconds(15));
        b.report(bob, PresenceStatus.ONLINE, T0);
        awaitStatus(a, bob, PresenceStatus.ONLINE);

        Instant before = Instant.now().minusMillis(1);
        b.close();

        UserPresence gone = a.presence(List.of(bob)).get(bob);
        assertThat(gone.status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(gone.lastSeen()).isAfter(before);
    }

    @Test
    void theUsersOfANodeThatDiesAreOfflineWithinItsTtlLastSeenAtItsLastHeartbeat() {
        RedisPresenceStore a = node(Duration.ofSeconds(1));
        RedisPresenceStore doomed = node(Duration.ofSeconds(1));
        doomed.report(bob, PresenceStatus.ONLINE, T0);
        a.report(alice, PresenceStatus.ONLINE, T0);
        awaitStatus(a, bob, PresenceStatus.ONLINE);

        doomed.halt();
        long halted = System.nanoTime();
        Instant lastBeatAtTheLatest = Instant.now();

        awaitStatus(a, bob, PresenceStatus.OFFLINE);
        Duration took = Duration.ofNanos(System.nanoTime() - halted);
        System.out.println("presence: a dead node's user showed offline " + took.toMillis() + " ms after it stopped (TTL 1 s)");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        UserPresence gone = a.presence(List.of(bob)).get(bob);
        assertThat(gone.lastSeen()).isNotNull().isBeforeOrEqualTo(lastBeatAtTheLatest)
                .isAfter(lastBeatAtTheLatest.minusSeconds(2));
        assertThat(a.presence(List.of(alice)).get(alice).status()).as("the live node's own").isEqualTo(PresenceStatus.ONLINE);
    }

    /** So that someone's rooms hear they went offline with their node, though no node reported it. */
    @Test
    void theUsersOfANodeThatDiesAreHandedOnceToOneLiveNodeWhenTheyReadOffline() throws Exception {
        RedisPresenceStore a = node(Duration.ofSeconds(1));
        RedisPresenceStore b = node(Duration.ofSeconds(1));
        RedisPresenceStore doomed = node(Duration.ofSeconds(1));
        RedisPresenceStore closing = node(Duration.ofSeconds(1));
        record Told(Set<UserId> users, Set<PresenceStatus> readAs) {
        }
        List<Told> told = new CopyOnWriteArrayList<>();
        for (RedisPresenceStore live : List.of(a, b)) {
            live.whenUnreported(users -> told.add(new Told(users, live.presence(users).values().stream()
                    .map(UserPresence::status).collect(Collectors.toSet()))));
        }
        UserId carol = new UserId(3);
        doomed.report(alice, PresenceStatus.ONLINE, T0);
        doomed.report(bob, PresenceStatus.AWAY, T0);
        doomed.report(carol, PresenceStatus.ONLINE, T0);
        doomed.report(carol, PresenceStatus.OFFLINE, T0.plusSeconds(1));
        closing.report(new UserId(4), PresenceStatus.ONLINE, T0);
        awaitStatus(a, bob, PresenceStatus.AWAY);

        closing.close();
        doomed.halt();
        awaitTrue("a live node to be told of the dead node's users", () -> !told.isEmpty());
        Thread.sleep(2_500); // two more sweeps of each live node

        assertThat(told).as("what the live nodes were told of the node that died (alice online and bob away on it, "
                + "carol gone before) and of the one that shut down").hasSize(1);
        assertThat(told.getFirst().users()).containsExactlyInAnyOrder(alice, bob);
        assertThat(told.getFirst().readAs()).as("their status when the live node was told").containsExactly(
                PresenceStatus.OFFLINE);
    }

    /** Every process ever killed would stay in the index, looked at by every node on every heartbeat. */
    @Test
    void aNodeDeadForLongerThanItsUsersEntriesLiveIsForgotten() {
        try (var client = io.lettuce.core.RedisClient.create(REDIS); var connection = client.connect()) {
            var redis = connection.sync();
            long now = System.currentTimeMillis();
            redis.hset(prefix + "beats", "long-gone", Long.toString(now - Duration.ofDays(31).toMillis()));
            redis.hset(prefix + "beats", "lately-gone", Long.toString(now - Duration.ofDays(29).toMillis()));
            node(Duration.ofSeconds(1));

            awaitTrue("the sweep to forget the node dead for 31 days",
                    () -> !redis.hexists(prefix + "beats", "long-gone"));
            assertThat(redis.hexists(prefix + "beats", "lately-gone")).as("a node dead for 29 days, whose users' "
                    + "last_seen it still gives").isTrue();
        }
    }

    /** The others may have been told its users went offline with it: their rooms must hear they are back. */
    @Test
    void aNodeThatFindsItsHeartbeatGoneHandsItsUsersToItsListenerAsTheyCountAgain() {
        RedisPresenceStore a = node(Duration.ofSeconds(1));
        RedisPresenceStore b = node(Duration.ofSeconds(1));
        List<Set<UserId>> toldB = new CopyOnWriteArrayList<>();
        b.whenUnreported(toldB::add);
        b.report(bob, PresenceStatus.ONLINE, T0);
        b.report(alice, PresenceStatus.ONLINE, T0);
        b.report(alice, PresenceStatus.OFFLINE, T0.plusSeconds(1));
        awaitStatus(a, bob, PresenceStatus.ONLINE);
        assertThat(toldB).as("what a node in good health was told").isEmpty();

        // as if b's heartbeat had expired while it was cut off from Redis
        try (var client = io.lettuce.core.RedisClient.create(REDIS); var connection = client.connect()) {
            connection.sync().del(b.aliveKey());
        }

        awaitTrue("the node to find its heartbeat gone", () -> !toldB.isEmpty());
        assertThat(toldB.getFirst()).as("the users it holds").containsExactly(bob);
        awaitStatus(a, bob, PresenceStatus.ONLINE);
    }

    @Test
    void aNodeWhoseHeartbeatExpiredWritesItsUsersAgain() throws Exception {
        RedisPresenceStore a = node(Duration.ofSeconds(1));
        RedisPresenceStore b = node(Duration.ofSeconds(1));
        b.report(bob, PresenceStatus.ONLINE, T0);
        awaitStatus(a, bob, PresenceStatus.ONLINE);

        // as if Redis had lost b's entries (a restart without persistence)
        try (var client = io.lettuce.core.RedisClient.create(REDIS); var connection = client.connect()) {
            var keys = connection.sync().keys(prefix + "*");
            connection.sync().del(keys.toArray(String[]::new));
        }

        awaitStatus(a, bob, PresenceStatus.ONLINE);
    }

    @Test
    void aUsersEntryExpiresAMonthAfterItsLastChange() {
        RedisPresenceStore a = node(Duration.ofSeconds(15));
        a.report(alice, PresenceStatus.ONLINE, T0);
        a.report(alice, PresenceStatus.OFFLINE, T0);
        a.presence(List.of(alice)); // answered after the writes: they are done

        try (var client = io.lettuce.core.RedisClient.create(REDIS); var connection = client.connect()) {
            long ttl = connection.sync().pttl(prefix + "user." + alice.value());
            assertThat(Duration.ofMillis(ttl)).isGreaterThan(Duration.ofDays(29)).isLessThanOrEqualTo(Duration.ofDays(30));
        }
    }

    @Test
    void anUnreachableServerStopsStartUpNamingTheProperty() {
        assertThatThrownBy(() -> RedisPresenceStore.connect(
                new RedisPresenceProperties("redis://127.0.0.1:1", prefix, Duration.ofMillis(500), Duration.ofSeconds(15)),
                Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chat.presence.redis.url");
    }

    private static void awaitStatus(PresenceStore store, UserId user, PresenceStatus status) {
        awaitTrue(() -> store.presence(List.of(user)).get(user).status() == status);
    }

    private static void awaitTrue(Supplier<Boolean> condition) {
        awaitTrue("the condition", condition);
    }

    private static void awaitTrue(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited 10 s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String setting() {
        String value = System.getProperty("chat.test.redis.url");
        if (value == null || value.isBlank()) {
            value = System.getenv("CHAT_TEST_REDIS_URL");
        }
        return value == null || value.isBlank() ? "redis://127.0.0.1:6379" : value;
    }
}
