package org.chatserver.adapter.fanout.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.chatserver.domain.ChangeId;
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
        nodeB = RedisRoomEvents.connect(properties(redis.url()), room -> {
            looks.incrementAndGet();
            return newestInStore.get() == 0 ? Optional.empty() : Optional.of(new ChangeId(newestInStore.get()));
        });
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
                Duration.ofSeconds(10), Duration.ofSeconds(1)));
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

    private static RedisFanoutProperties properties(String url) {
        return new RedisFanoutProperties(url, "chat:", Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    private static long resyncs(List<RoomEvent> events) {
        return events.stream().filter(e -> e.equals(new Resync(ROOM))).count();
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
