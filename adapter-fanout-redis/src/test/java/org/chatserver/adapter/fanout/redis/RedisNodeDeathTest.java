package org.chatserver.adapter.fanout.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomEvent.Presence;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node that dies leaves no ghosts: the watchers it held are announced as gone on the other
 * nodes. Nodes here renew their heartbeat every third of a 1 s TTL, so a dead node's watchers are
 * announced about 1.3 s after its last heartbeat (the bound checked is generous).
 */
class RedisNodeDeathTest {

    private static final RoomId ROOM = new RoomId(1);
    private static final Instant T0 = Instant.parse("2026-11-02T10:15:30Z");
    private static final Duration TTL = Duration.ofSeconds(1);
    private static final Duration BOUND = Duration.ofSeconds(15);

    private final List<RedisRoomEvents> nodes = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();
    private final String prefix = TestRedis.uniquePrefix();

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(RedisRoomEvents::close);
        for (AutoCloseable other : others) {
            other.close();
        }
    }

    /** Fails on the main branch before this change: nothing ever said that the dead node's watchers left. */
    @Test
    void aDeadNodesWatchersAreAnnouncedAsGoneByALiveNode() {
        RedisRoomEvents doomed = node(TestRedis.url());
        RedisRoomEvents survivor = node(TestRedis.url());
        List<RoomEvent> heard = new CopyOnWriteArrayList<>();
        survivor.subscribe(ROOM, heard::add);
        survivor.publish(joined("dave", "conn-b1"));
        doomed.publish(joined("alice", "conn-a1"));
        doomed.publish(joined("bob", "conn-a2"));
        doomed.publish(joined("carol", "conn-a3"));
        doomed.publish(left("carol", "conn-a3"));
        Eventually.within(BOUND, "the doomed node's two remaining watchers are recorded in Redis",
                () -> TestRedis.query(r -> r.hlen(doomed.registration().presentKey())) == 2);

        doomed.halt();

        Duration announced = Eventually.within(BOUND, "alice and bob are announced as gone on the surviving node",
                () -> hasLeft(heard, "alice", "conn-a1") && hasLeft(heard, "bob", "conn-a2"));
        System.out.printf("A dead node's watchers were announced as gone %d ms after it stopped (node-ttl %d ms)%n",
                announced.toMillis(), TTL.toMillis());
        assertThat(TestRedis.<Long>query(r -> r.exists(doomed.registration().presentKey()))).isZero();
        assertThat(TestRedis.<Long>query(r -> r.hlen(survivor.registration().presentKey())))
                .as("the survivor's own watcher stays").isEqualTo(1);
    }

    /** A node shutting down says goodbye itself: no need to wait for its heartbeat to expire. */
    @Test
    void aNodeShuttingDownAnnouncesItsWatchersAsGoneItself() {
        RedisRoomEvents leaving = node(TestRedis.url(), Duration.ofMinutes(10));
        RedisRoomEvents staying = node(TestRedis.url(), Duration.ofMinutes(10));
        List<RoomEvent> heard = aliceJoinsOnAndIsHeardOn(leaving, staying);

        leaving.close();

        // far sooner than the 10-minute heartbeat would expire
        Eventually.within(BOUND, "alice is announced as gone", () -> hasLeft(heard, "alice", "conn-a1"));
        assertThat(TestRedis.<Long>query(r -> r.exists(leaving.registration().aliveKey(),
                leaving.registration().presentKey()))).isZero();
    }

    /** Cut off longer than its TTL, a node is taken for dead; when it is back, its watchers are announced again. */
    @Test
    void aNodeCutOffLongerThanItsTtlIsAnnouncedGoneAndBackAgain() {
        CuttableLink link = new CuttableLink(TestRedis.url());
        others.add(link);
        RedisRoomEvents cutOff = node(link.url());
        RedisRoomEvents other = node(TestRedis.url());
        List<RoomEvent> heard = aliceJoinsOnAndIsHeardOn(cutOff, other);

        link.cut();
        Eventually.within(BOUND, "alice is announced as gone", () -> hasLeft(heard, "alice", "conn-a1"));
        link.mend();

        Eventually.within(BOUND, "alice is announced again", () -> heard.stream().anyMatch(e ->
                e instanceof Presence p && p.joined() && p.origin().equals("conn-a1") && !p.at().equals(T0)));
        Eventually.within(BOUND, "the cut-off node's watcher is recorded again",
                () -> TestRedis.query(r -> r.hlen(cutOff.registration().presentKey())) == 1);
    }

    /** Redis restarted empty: each node writes its watchers again, so a later death is still announced. */
    @Test
    void afterRedisLostItsDataANodesWatchersAreStillAnnouncedWhenItDies() {
        PrivateRedis redis = PrivateRedis.start();
        others.add(redis);
        RedisRoomEvents doomed = node(redis.url());
        RedisRoomEvents survivor = node(redis.url());
        List<RoomEvent> heard = new CopyOnWriteArrayList<>();
        survivor.subscribe(ROOM, heard::add);
        doomed.publish(joined("alice", "conn-a1"));
        Eventually.within(BOUND, "alice is recorded", () -> redis.query(r -> r.hlen(doomed.registration().presentKey())) == 1);

        redis.stop();
        redis.startAgain();
        Eventually.within(BOUND, "alice is recorded again in the empty Redis",
                () -> redis.query(r -> r.hlen(doomed.registration().presentKey())) == 1);
        doomed.halt();

        Eventually.within(BOUND, "alice is announced as gone", () -> hasLeft(heard, "alice", "conn-a1"));
        assertThat(heard).as("alice's join is not announced again: nobody had been told she left")
                .filteredOn(e -> e instanceof Presence p && p.joined()).containsExactly(joined("alice", "conn-a1"));
    }

    private RedisRoomEvents node(String url) {
        return node(url, TTL);
    }

    private RedisRoomEvents node(String url, Duration ttl) {
        RedisRoomEvents node = RedisRoomEvents.connect(
                new RedisFanoutProperties(url, prefix, Duration.ofSeconds(2), ttl, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        nodes.add(node);
        return node;
    }

    /** What {@code listening} hears of the room, once alice's join on {@code joining} has reached it. */
    private static List<RoomEvent> aliceJoinsOnAndIsHeardOn(RedisRoomEvents joining, RedisRoomEvents listening) {
        List<RoomEvent> heard = new CopyOnWriteArrayList<>();
        listening.subscribe(ROOM, heard::add);
        joining.publish(joined("alice", "conn-a1"));
        Eventually.within(BOUND, "alice's join reaches the other node", () -> heard.contains(joined("alice", "conn-a1")));
        return heard;
    }

    private static Presence joined(String user, String connection) {
        return new Presence(ROOM, new Username(user), true, T0, connection);
    }

    private static Presence left(String user, String connection) {
        return new Presence(ROOM, new Username(user), false, T0, connection);
    }

    /** Whether the watcher has been announced as gone, at whatever time. */
    private static boolean hasLeft(List<RoomEvent> heard, String user, String connection) {
        return heard.stream().anyMatch(e -> e instanceof Presence p && !p.joined()
                && p.user().value().equals(user) && connection.equals(p.origin()));
    }
}
