package org.chatserver.adapter.fanout.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.chatserver.application.port.out.room.RoomEvents.Subscription;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.RoomEvent.MessagePosted;
import org.chatserver.domain.RoomEvent.Presence;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes of one deployment (two instances, two pairs of connections) sharing a real Redis. */
class RedisRoomEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RoomId ROOM = new RoomId(1);
    private static final RoomId OTHER_ROOM = new RoomId(2);
    private static final Instant T0 = Instant.parse("2026-11-02T10:15:30Z");

    private RedisFanoutProperties properties;
    private RedisRoomEvents nodeA;
    private RedisRoomEvents nodeB;
    private final List<CountDownLatch> toRelease = new ArrayList<>();

    @BeforeEach
    void startTwoNodes() {
        properties = TestRedis.isolatedProperties();
        nodeA = RedisRoomEvents.connect(properties);
        nodeB = RedisRoomEvents.connect(properties);
    }

    @AfterEach
    void stopNodes() {
        toRelease.forEach(CountDownLatch::countDown);
        nodeA.close();
        nodeB.close();
    }

    @Test
    void anEventReachesEverySubscriberOnBothNodesExactlyOnce() {
        List<RoomEvent> onA = new CopyOnWriteArrayList<>();
        List<RoomEvent> onB1 = new CopyOnWriteArrayList<>();
        List<RoomEvent> onB2 = new CopyOnWriteArrayList<>();
        nodeA.subscribe(ROOM, onA::add);
        nodeB.subscribe(ROOM, onB1::add);
        nodeB.subscribe(ROOM, onB2::add);

        RoomEvent fromA = presence("alice", "a-1");
        nodeA.publish(fromA);
        awaitTrue(() -> onB1.contains(fromA) && onB2.contains(fromA));
        // B publishes only after it heard A, so Redis sends A's echo to A before this one
        RoomEvent fromB = presence("bob", "b-1");
        nodeB.publish(fromB);
        awaitTrue(() -> onA.contains(fromB));
        // and B's echo of its own event reaches B before this one from A
        RoomEvent last = presence("carol", "a-2");
        nodeA.publish(last);
        awaitTrue(() -> onB1.contains(last) && onB2.contains(last) && onA.contains(last));

        assertThat(onA).containsExactly(fromA, fromB, last);
        assertThat(onB1).containsExactly(fromA, fromB, last);
        assertThat(onB2).containsExactly(fromA, fromB, last);
    }

    @Test
    void aBurstArrivesCompleteAndInPublishOrderOnTheOtherNode() {
        int count = 5_000;
        List<RoomEvent> received = new CopyOnWriteArrayList<>();
        nodeB.subscribe(ROOM, received::add);
        List<RoomEvent> sent = new ArrayList<>(count);
        MessageId previous = null;
        for (int i = 1; i <= count; i++) {
            MessageId id = new MessageId(i);
            Message message = new Message(id, ROOM, new UserId(3), new Username("alice"),
                    new MessageDraft(new MessageText("message " + i + " ✉️ with some text to make it realistic"),
                            MessageType.TEXT, null), "client-" + i, T0.plusMillis(i));
            sent.add(new MessagePosted(message, previous, "conn-a"));
            previous = id;
        }

        long started = System.nanoTime();
        sent.forEach(nodeA::publish);
        awaitTrue(() -> received.size() >= count, Duration.ofSeconds(60));

        assertThat(received).containsExactlyElementsOf(sent);
        System.out.printf("%d events across nodes in %d ms%n", count, (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void aNodeUnsubscribesARoomWhenItsLastListenerLeaves() throws Exception {
        String channel = nodeA.channel(ROOM);
        Subscription first = nodeA.subscribe(ROOM, e -> { });
        Subscription second = nodeA.subscribe(ROOM, e -> { });
        nodeB.subscribe(ROOM, e -> { });
        assertThat(TestRedis.subscribers(channel)).as("one subscription per node, not per listener").isEqualTo(2);

        first.close();
        // an UNSUBSCRIBE sent by mistake would still be on its way: let Redis answer everything sent before counting
        nodeA.awaitPubSubQuiet();
        assertThat(TestRedis.subscribers(channel)).isEqualTo(2);

        second.close();
        awaitTrue(() -> TestRedis.subscribers(channel) == 1);
        assertThat(nodeA.activeRooms()).isZero();

        // and the room can be joined again later
        List<RoomEvent> again = new CopyOnWriteArrayList<>();
        nodeA.subscribe(ROOM, again::add);
        assertThat(TestRedis.subscribers(channel)).isEqualTo(2);
        RoomEvent event = presence("dave", "b-9");
        nodeB.publish(event);
        awaitTrue(() -> again.contains(event));
    }

    @Test
    void afterALostConnectionANodeHearsAndReachesTheOthersAgain() throws InterruptedException {
        List<RoomEvent> onA = new CopyOnWriteArrayList<>();
        List<RoomEvent> onB = new CopyOnWriteArrayList<>();
        nodeA.subscribe(ROOM, onA::add);
        nodeB.subscribe(ROOM, onB::add);

        assertThat(TestRedis.killConnections(nodeB.clientName())).as("B's publishing and pub/sub connections").isEqualTo(2);

        // what is published while B reconnects may be lost (Redis pub/sub keeps nothing); after that B hears again
        long deadline = System.nanoTime() + WAIT.toNanos();
        RoomEvent probe;
        do {
            assertThat(System.nanoTime()).as("B hears the room again within %s", WAIT).isLessThan(deadline);
            probe = presence("alice", "probe-" + System.nanoTime());
            nodeA.publish(probe);
            Thread.sleep(50);
        } while (!onB.contains(probe));
        RoomEvent fromB = presence("bob", "after-reconnect");
        nodeB.publish(fromB);
        awaitTrue(() -> onA.contains(fromB));
        assertThat(TestRedis.subscribers(nodeB.channel(ROOM))).isEqualTo(2);
    }

    @Test
    void aRoomLeftDuringAnOutageDoesNotStaySubscribed() throws InterruptedException {
        String channel = nodeB.channel(ROOM);
        List<RoomEvent> onA = new CopyOnWriteArrayList<>();
        nodeA.subscribe(ROOM, onA::add);
        Subscription leaving = nodeB.subscribe(ROOM, e -> { });

        TestRedis.killConnections(nodeB.clientName());
        leaving.close();

        // the room's traffic tells B it is still subscribed to a room nobody there watches
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (TestRedis.subscribers(channel) != 1) {
            assertThat(System.nanoTime()).as("B unsubscribed within %s", WAIT).isLessThan(deadline);
            nodeA.publish(presence("alice", "traffic"));
            Thread.sleep(50);
        }
        assertThat(nodeB.activeRooms()).isZero();
    }

    @Test
    void theChannelIsNamedByPrefixAndRoom() {
        assertThat(nodeA.channel(new RoomId(123))).isEqualTo(properties.channelPrefix() + "room.123");
    }

    @Test
    void aSlowRoomDoesNotHoldUpTheOthers() {
        CountDownLatch release = new CountDownLatch(1);
        toRelease.add(release);
        List<RoomEvent> slowRoom = new CopyOnWriteArrayList<>();
        List<RoomEvent> otherRoom = new CopyOnWriteArrayList<>();
        nodeB.subscribe(ROOM, e -> {
            slowRoom.add(e);
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });
        nodeB.subscribe(OTHER_ROOM, otherRoom::add);

        RoomEvent stuck = presence("alice", "a-1");
        RoomEvent queued = presence("bob", "a-2");
        nodeA.publish(stuck);
        nodeA.publish(queued);
        awaitTrue(() -> slowRoom.contains(stuck));
        RoomEvent elsewhere = new Presence(OTHER_ROOM, new Username("carol"), true, T0, "a-3");
        nodeA.publish(elsewhere);
        awaitTrue(() -> otherRoom.contains(elsewhere));
        assertThat(slowRoom).containsExactly(stuck);

        release.countDown();
        awaitTrue(() -> slowRoom.contains(queued));
        assertThat(slowRoom).containsExactly(stuck, queued);
    }

    @Test
    void somethingUnreadableOnTheChannelIsSkipped() {
        List<RoomEvent> received = new CopyOnWriteArrayList<>();
        nodeB.subscribe(ROOM, received::add);

        TestRedis.publishRaw(nodeB.channel(ROOM), "{\"v\":1,\"type\":\"surprise\"}");
        TestRedis.publishRaw(nodeB.channel(ROOM), "not even json");
        // an event of another room sent on this room's channel must not reach this room's watchers
        RoomEvent misplaced = new Presence(OTHER_ROOM, new Username("mallory"), true, T0, null);
        TestRedis.publishRaw(nodeB.channel(ROOM), new RoomEventCodec().encode("stranger", misplaced));
        RoomEvent fine = presence("alice", "a-1");
        nodeA.publish(fine);
        awaitTrue(() -> received.contains(fine));

        assertThat(received).containsExactly(fine);
    }

    @Test
    void closingANodeEndsItsSubscriptionsAndKeepsItsLastEvents() {
        List<RoomEvent> onB = new CopyOnWriteArrayList<>();
        nodeB.subscribe(ROOM, onB::add);
        nodeA.subscribe(ROOM, e -> { });
        String channel = nodeA.channel(ROOM);
        List<RoomEvent> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            RoomEvent event = presence("alice", "last-" + i);
            sent.add(event);
            nodeA.publish(event);
        }

        nodeA.close();

        awaitTrue(() -> onB.containsAll(sent));
        // Redis notices the closed connection in its own time
        awaitTrue(() -> TestRedis.subscribers(channel) == 1);
        assertThatThrownBy(() -> nodeA.subscribe(ROOM, e -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnreachableServerStopsStartUpNamingTheProperty() {
        var unreachable = TestRedis.properties("redis://:secret@127.0.0.1:1", "chat:", Duration.ofSeconds(2));

        assertThatThrownBy(() -> RedisRoomEvents.connect(unreachable))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chat.fanout.redis.url")
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("secret");
    }

    private static RoomEvent presence(String user, String origin) {
        return new Presence(ROOM, new Username(user), true, T0, origin);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        awaitTrue(condition, WAIT);
    }

    private static void awaitTrue(BooleanSupplier condition, Duration wait) {
        Eventually.within(wait, "expected state", condition);
    }
}
