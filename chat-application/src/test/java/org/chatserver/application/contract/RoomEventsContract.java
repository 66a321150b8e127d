package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.chatserver.application.port.out.room.RoomEvents.Subscription;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageReference;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent.Presence;
import org.chatserver.domain.UserId;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RoomEvents} must do. Extend it once per implementation (in-memory fake,
 * in-process fan-out, a broker, a broker across two nodes). Delivery may be asynchronous, so the
 * checks wait for what must arrive, and prove that something did not arrive by waiting for a later
 * marker instead of sleeping. While the transport holds, each publisher's events reach each
 * subscriber in the order published, each exactly once.
 */
public abstract class RoomEventsContract {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RoomId ROOM = new RoomId(1);
    private static final RoomId OTHER_ROOM = new RoomId(2);
    private static final Instant T0 = Instant.parse("2026-11-02T10:15:30Z");

    private RoomEvents events;

    /** Called once before each test; a fresh fan-out with no subscribers. */
    protected abstract RoomEvents newRoomEvents();

    @BeforeEach
    void createEvents() {
        events = newRoomEvents();
    }

    @Test
    void everySubscriberOfTheRoomGetsItsEvents() {
        List<RoomEvent> first = new CopyOnWriteArrayList<>();
        List<RoomEvent> second = new CopyOnWriteArrayList<>();
        events.subscribe(ROOM, first::add);
        events.subscribe(ROOM, second::add);

        RoomEvent joined = presence(ROOM, "alice");
        events.publish(joined);

        awaitTrue(() -> first.contains(joined) && second.contains(joined));
    }

    @Test
    void everyKindOfChangeArrivesWhole() {
        List<RoomEvent> received = new CopyOnWriteArrayList<>();
        events.subscribe(ROOM, received::add);
        Message reply = new Message(new MessageId(8), ROOM, new UserId(2), new Username("bob"),
                new MessageDraft(new MessageText("ten"), MessageType.TEXT, null), "c-8", T0, T0.plusSeconds(5), false,
                new MessageReference(new MessageId(7), new Username("alice"), "when?"), 2);
        List<ReactionSummary> hearts = List.of(new ReactionSummary(ReactionType.HEART, List.of(new Username("alice"))));
        List<RoomEvent> changes = List.of(
                new RoomEvent.MessagePosted(reply, new MessageId(7), mark(10, 9), hearts, "conn-1"),
                new RoomEvent.MessageEdited(reply, hearts, mark(11, 10), "conn-1"),
                new RoomEvent.ReactionChanged(ROOM, new MessageId(8), new Username("alice"), ReactionType.HEART, true,
                        hearts, T0, mark(12, 11), null),
                new RoomEvent.PinChanged(ROOM, new MessageId(8), new Username("alice"), true, T0, mark(13, 12), null),
                new RoomEvent.PinChanged(ROOM, new MessageId(8), new Username("alice"), false, T0, mark(14, 13), null),
                new RoomEvent.MessageDeleted(ROOM, new MessageId(8), new Username("bob"), T0, mark(15, 14), "conn-2"));

        changes.forEach(events::publish);

        awaitTrue(() -> received.size() >= changes.size());
        assertThat(received).containsExactlyElementsOf(changes);
    }

    private static RoomChange.Mark mark(long id, long previous) {
        return new RoomChange.Mark(new ChangeId(id), new ChangeId(previous));
    }

    @Test
    void subscribersOfAnotherRoomGetNothing() {
        List<RoomEvent> other = new CopyOnWriteArrayList<>();
        List<RoomEvent> marker = new CopyOnWriteArrayList<>();
        events.subscribe(OTHER_ROOM, other::add);
        events.subscribe(ROOM, marker::add);

        events.publish(presence(ROOM, "alice"));
        awaitTrue(() -> marker.size() == 1);
        RoomEvent last = presence(OTHER_ROOM, "bob");
        events.publish(last);
        awaitTrue(() -> other.contains(last));

        assertThat(other).containsExactly(last);
    }

    @Test
    void aClosedSubscriptionGetsNothingMoreWhileOthersStillDo() {
        List<RoomEvent> closed = new CopyOnWriteArrayList<>();
        List<RoomEvent> open = new CopyOnWriteArrayList<>();
        Subscription subscription = events.subscribe(ROOM, closed::add);
        events.subscribe(ROOM, open::add);
        RoomEvent before = presence(ROOM, "alice");
        events.publish(before);
        awaitTrue(() -> closed.contains(before) && open.contains(before));

        subscription.close();
        subscription.close();
        RoomEvent after = presence(ROOM, "bob");
        events.publish(after);
        awaitTrue(() -> open.contains(after));

        assertThat(closed).containsExactly(before);
    }

    @Test
    void aListenerThatThrowsDoesNotCostTheOthersTheirEvents() {
        List<RoomEvent> healthy = new CopyOnWriteArrayList<>();
        events.subscribe(ROOM, e -> {
            throw new DeliberateFailure("broken listener");
        });
        events.subscribe(ROOM, healthy::add);

        RoomEvent first = presence(ROOM, "alice");
        RoomEvent second = presence(ROOM, "bob");
        events.publish(first);
        events.publish(second);

        awaitTrue(() -> healthy.contains(first) && healthy.contains(second));
    }

    @Test
    void oneRoomsEventsReachEverySubscriberInPublishOrderExactlyOnce() {
        List<RoomEvent> first = new CopyOnWriteArrayList<>();
        List<RoomEvent> second = new CopyOnWriteArrayList<>();
        events.subscribe(ROOM, first::add);
        events.subscribe(ROOM, second::add);
        List<RoomEvent> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add(new Presence(ROOM, new Username("user" + i % 7), i % 2 == 0, T0.plusMillis(i), "conn-" + i));
        }

        sent.forEach(events::publish);
        RoomEvent marker = presence(ROOM, "marker");
        events.publish(marker);
        awaitTrue(() -> first.contains(marker) && second.contains(marker));

        assertThat(first).containsExactlyElementsOf(append(sent, marker));
        assertThat(second).containsExactlyElementsOf(append(sent, marker));
    }

    @Test
    void concurrentPublishersAndSubscribersLoseNothing() throws Exception {
        int publishers = 4;
        int perPublisher = 250;
        List<RoomEvent> received = new CopyOnWriteArrayList<>();
        events.subscribe(ROOM, received::add);
        CountDownLatch start = new CountDownLatch(1);
        List<RoomEvent> sent = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(publishers + 1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < publishers; p++) {
                String user = "user" + p;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perPublisher; i++) {
                        RoomEvent event = new Presence(ROOM, new Username(user), true, T0.plusSeconds(i), user + "/" + i);
                        sent.add(event);
                        events.publish(event);
                    }
                    return null;
                }));
            }
            // subscribing and leaving while events fly must neither fail nor disturb the others
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 200; i++) {
                    events.subscribe(ROOM, e -> { }).close();
                }
                return null;
            }));
            start.countDown();
            for (Future<?> f : done) {
                f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // every publisher has returned: the marker is published after all of their events
        RoomEvent marker = presence(ROOM, "marker");
        events.publish(marker);
        awaitTrue(() -> received.contains(marker));

        assertThat(sent).hasSize(publishers * perPublisher);
        assertThat(received).as("each event once, the marker last").hasSize(sent.size() + 1).containsAll(sent)
                .endsWith(marker);
        for (int p = 0; p < publishers; p++) {
            String user = "user" + p;
            List<RoomEvent> publishersOwn = received.stream().filter(e -> e instanceof Presence presence
                    && presence.user().value().equals(user)).toList();
            // each publisher added its events to sent in the order it published them
            assertThat(publishersOwn).as("%s's events in the order published", user)
                    .containsExactlyElementsOf(sent.stream().filter(e -> ((Presence) e).user().value().equals(user))
                            .toList());
        }
    }

    private static List<RoomEvent> append(List<RoomEvent> events, RoomEvent last) {
        List<RoomEvent> all = new ArrayList<>(events);
        all.add(last);
        return all;
    }

    private static RoomEvent presence(RoomId room, String user) {
        return new Presence(room, new Username(user), true, T0, "conn-" + user);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected events did not arrive within " + WAIT);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for events", e);
            }
        }
    }
}
