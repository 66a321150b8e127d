package org.chatserver.adapter.fanout.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomEvent.Presence;
import org.chatserver.domain.RoomEvent.Resync;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on a Redis of the test's own that is stopped and started again, and one node cut off
 * alone behind a {@link CuttableLink}. The bounds are generous; the figures measured on this
 * machine are in the module's README.
 */
class RedisOutageTest {

    private static final RoomId ROOM = new RoomId(1);
    private static final Instant T0 = Instant.parse("2026-11-02T10:15:30Z");
    /** Documented: delivery resumes within about 1 s of Redis coming back. */
    private static final Duration RESUME_BOUND = Duration.ofSeconds(3);
    /** Documented: while Redis is down, watchers read the store every outage-poll-interval (1 s here). */
    private static final Duration POLL_BOUND = Duration.ofSeconds(10);
    /** The store-check-interval of the tests of lost changes while Redis is up. */
    private static final Duration CHECK = Duration.ofMillis(200);

    private final PrivateRedis redis = PrivateRedis.start();
    private RedisRoomEvents nodeA;
    private RedisRoomEvents nodeB;
    private CuttableLink link;

    @AfterEach
    void stop() {
        for (RedisRoomEvents node : new RedisRoomEvents[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (link != null) {
            link.close();
        }
        redis.close();
    }

    /**
     * Fails on the main branch before this change: Lettuce's default back-off doubles the wait
     * after each failed attempt (1 ms, 2 ms, … up to 30 s), so its attempts come about 6, 10.5, 19
     * and 35 s into an outage; after 14 s down, the nodes found Redis again only about 5 s after it
     * was back (15 s after a 20 s outage).
     */
    @Test
    void afterALongOutageDeliveryAcrossNodesResumesSoonAfterRedisIsBack() throws InterruptedException {
        nodeA = RedisRoomEvents.connect(properties(redis.url()));
        nodeB = RedisRoomEvents.connect(properties(redis.url()));
        List<RoomEvent> onB = new CopyOnWriteArrayList<>();
        nodeB.subscribe(ROOM, onB::add);
        RoomEvent before = presence("before");
        nodeA.publish(before);
        Eventually.within(RESUME_BOUND, "B hears A before the outage", () -> onB.contains(before));

        redis.stop();
        Thread.sleep(14_000); // long enough for a doubling back-off to wait many seconds between attempts
        redis.startAgain();

        Duration resumed = Eventually.within(RESUME_BOUND, "B hears A again after Redis is back", () -> {
            RoomEvent probe = presence("probe-" + System.nanoTime());
            nodeA.publish(probe);
            sleep(50);
            return onB.contains(probe);
        });
        System.out.printf("Cross-node delivery resumed %d ms after Redis was back%n", resumed.toMillis());
    }

    /**
     * While Redis is down the node looks at the store once per room and poll, and tells the
     * room's watchers to read it only when it holds a message they were not given. Fails on the
     * main branch before this change: nothing told the watchers to read the store.
     */
    @Test
    void whileRedisIsDownTheWatchersAreToldWhenTheStoreHasNewMessages() {
        AtomicLong newestInStore = new AtomicLong();
        AtomicInteger looks = new AtomicInteger();
        nodeB = RedisRoomEvents.connect(properties(redis.url()), store(newestInStore, looks));
        List<List<RoomEvent>> watchers = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>());
        watchers.forEach(heard -> nodeB.subscribe(ROOM, heard::add));

        redis.stop();
        Eventually.within(POLL_BOUND, "B knows Redis is down", nodeB::busDown);
        newestInStore.set(1);
        Duration told = Eventually.within(POLL_BOUND, "every watcher is told to read message 1",
                () -> watchers.stream().allMatch(heard -> resyncs(heard) == 1));
        System.out.printf("Watchers told of a new message in the store %d ms after it was stored (poll every 1 s)%n",
                told.toMillis());
        int looked = looks.get();
        Eventually.within(POLL_BOUND, "two more looks at the store", () -> looks.get() >= looked + 2);
        RoomEvent marker = presence("marker");
        nodeB.publish(marker); // queued behind anything those looks sent
        Eventually.within(POLL_BOUND, "the marker arrives", () -> watchers.getFirst().contains(marker));
        assertThat(watchers).as("nothing new, nothing said").allMatch(heard -> resyncs(heard) == 1);

        newestInStore.set(2);
        redis.startAgain();
        Eventually.within(RESUME_BOUND, "B's rooms are subscribed again", () -> !nodeB.busDown());
        Eventually.within(POLL_BOUND, "every watcher is told to read message 2",
                () -> watchers.stream().allMatch(heard -> resyncs(heard) == 2));
        assertThat(redis.<Long>query(r -> r.pubsubNumsub(nodeB.channel(ROOM)).get(nodeB.channel(ROOM)))).isEqualTo(1L);
    }

    /**
     * A node cut off alone: the others' link is fine, so only that node's word tells them that its
     * events went missing. Fails on the main branch before this change (no such word).
     */
    @Test
    void eventsANodeCouldNotPublishMakeTheOtherNodesReadTheStore() {
        link = new CuttableLink(redis.url());
        nodeA = RedisRoomEvents.connect(new RedisFanoutProperties(link.url(), "chat:", Duration.ofMillis(500),
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(2)));
        nodeB = RedisRoomEvents.connect(properties(redis.url()));
        List<RoomEvent> onB = new CopyOnWriteArrayList<>();
        nodeB.subscribe(ROOM, onB::add);

        link.cut();
        nodeA.publish(presence("lost"));
        Eventually.within(POLL_BOUND, "A gives up on publishing", nodeA::hasUnsentRooms);
        link.mend();

        Eventually.within(POLL_BOUND, "B's watcher is told to resync by A", () -> resyncs(onB) >= 1);
        assertThat(nodeB.busDown()).as("B's own link never failed").isFalse();
        assertThat(onB).doesNotContain(presence("lost"));
    }

    /**
     * Node A cut off alone stores a change, whose event is lost, and stops before it is back: no word of it ever
     * comes through Redis. Node B, which heard Redis all along, finds it in the store at its next periodic look
     * but one and tells its watchers once, naming it. Fails before nodes that hear Redis looked at the store: the
     * watchers heard nothing.
     */
    @Test
    void whileRedisIsUpAChangeNoEventBroughtMakesTheWatchersReadTheStore() {
        AtomicLong newestInStore = new AtomicLong(3);
        AtomicInteger looks = new AtomicInteger();
        nodeB = RedisRoomEvents.connect(properties(redis.url(), CHECK), store(newestInStore, looks));
        List<List<RoomEvent>> watchers = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        watchers.forEach(heard -> nodeB.subscribe(ROOM, heard::add));

        newestInStore.set(4); // stored on a node whose event never came
        Duration told = Eventually.within(POLL_BOUND, "every watcher is told to read change 4",
                () -> watchers.stream().allMatch(heard -> heard.contains(new Resync(ROOM, new ChangeId(4)))));
        System.out.printf("Watchers told of a change no event brought %d ms after it was stored (look every %d ms)%n",
                told.toMillis(), CHECK.toMillis());
        int looked = looks.get();
        Eventually.within(POLL_BOUND, "three more looks at the store", () -> looks.get() >= looked + 3);
        RoomEvent marker = presence("marker");
        nodeB.publish(marker); // queued behind anything those looks sent
        Eventually.within(POLL_BOUND, "the marker arrives", () -> watchers.getFirst().contains(marker));
        assertThat(watchers).as("once")
                .allMatch(heard -> resyncs(heard) == 1);
        assertThat(nodeB.busDown()).isFalse();
    }

    /**
     * A change a look finds before its event came through Redis is not read from the store when the event comes
     * before the next look; a node without watchers does not look at all.
     */
    @Test
    void changesThatArriveThroughRedisAreNotReadAgainAndANodeWithoutWatchersLooksAtNothing() throws Exception {
        AtomicLong newestInStore = new AtomicLong();
        AtomicInteger looks = new AtomicInteger();
        nodeA = RedisRoomEvents.connect(properties(redis.url()));
        nodeB = RedisRoomEvents.connect(properties(redis.url(), CHECK), store(newestInStore, looks));
        Thread.sleep(5 * CHECK.toMillis());
        assertThat(looks).as("no watcher, no look").hasValue(0);

        List<RoomEvent> onB = new CopyOnWriteArrayList<>();
        RoomEvents.Subscription watching = nodeB.subscribe(ROOM, onB::add);
        for (long change = 1; change <= 5; change++) {
            newestInStore.set(change);
            int looked = looks.get();
            Eventually.within(POLL_BOUND, "B looks at change " + change + " before its event",
                    () -> looks.get() > looked);
            RoomEvent deleted = new RoomEvent.MessageDeleted(ROOM, new MessageId(change), new Username("alice"), T0,
                    new RoomChange.Mark(new ChangeId(change), change == 1 ? null : new ChangeId(change - 1)), null);
            nodeA.publish(deleted);
            Eventually.within(POLL_BOUND, "B hears change " + change, () -> onB.contains(deleted));
        }
        int looked = looks.get();
        Eventually.within(POLL_BOUND, "two more looks", () -> looks.get() >= looked + 2);
        RoomEvent marker = presence("marker");
        nodeB.publish(marker); // queued behind anything those looks sent
        Eventually.within(POLL_BOUND, "the marker arrives", () -> onB.contains(marker));
        assertThat(resyncs(onB)).as("nothing read again").isZero();

        watching.close();
        Thread.sleep(CHECK.toMillis()); // a look under way may still end
        int lastLook = looks.get();
        Thread.sleep(5 * CHECK.toMillis());
        assertThat(looks).as("the last watcher gone, no more looks").hasValue(lastLook);
    }

    /** A store whose newest change of {@link #ROOM} is {@code newest} (none while 0), counting the looks at it. */
    private static Function<Collection<RoomId>, Map<RoomId, ChangeId>> store(AtomicLong newest, AtomicInteger looks) {
        return rooms -> {
            looks.incrementAndGet();
            return newest.get() == 0 || !rooms.contains(ROOM) ? Map.of() : Map.of(ROOM, new ChangeId(newest.get()));
        };
    }

    private static RedisFanoutProperties properties(String url) {
        return properties(url, Duration.ofSeconds(2));
    }

    private static RedisFanoutProperties properties(String url, Duration storeCheckInterval) {
        return new RedisFanoutProperties(url, "chat:", Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1),
                storeCheckInterval);
    }

    private static long resyncs(List<RoomEvent> events) {
        return events.stream().filter(e -> e instanceof Resync resync && resync.roomId().equals(ROOM)).count();
    }

    private static RoomEvent presence(String origin) {
        return new Presence(ROOM, new Username("alice"), true, T0, origin);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
