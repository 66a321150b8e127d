package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.chatserver.application.fakes.InMemoryRoomEvents;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomListener;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomWatch;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Mute;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent.MessagePosted;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

class WatchRoomServiceTest {

    private final HoldingRoomEvents fanOut = new HoldingRoomEvents();
    private final ChatFixture chat = new ChatFixture(fanOut);
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final Room lobby = chat.room(alice, "lobby", false);

    @Test
    void deliversLiveMessagesInOrderAndTellsTheRoomWhoCameAndWent() {
        Recorder bobSees = new Recorder();
        Recorder aliceSees = new Recorder();
        RoomWatch bobWatch = chat.watch.watch(bob, lobby.id(), null, "bob-1", bobSees);
        chat.watch.watch(alice, lobby.id(), null, "alice-1", aliceSees);

        chat.say(alice, lobby, "one");
        chat.say(bob, lobby, "two");
        bobWatch.close();

        assertThat(bobSees.texts()).containsExactly("one", "two");
        // nobody is told of their own arrival: "connected" told them
        assertThat(aliceSees.presence()).containsExactly("bob left");
        assertThat(bobSees.presence()).containsExactly("alice joined");
    }

    @Test
    void aConnectionsOwnMessageIsAcknowledgedNotShownWhileItsOtherDevicesAndOthersSeeIt() {
        Recorder phone = new Recorder();
        Recorder laptop = new Recorder();
        Recorder bobSees = new Recorder();
        RoomWatch alicePhone = chat.watch.watch(alice, lobby.id(), null, "alice-phone", phone);
        chat.watch.watch(alice, lobby.id(), null, "alice-laptop", laptop);
        RoomWatch bobWatch = chat.watch.watch(bob, lobby.id(), null, "bob-1", bobSees);

        Posted posted = alicePhone.post(command("from the phone", "c-1"));
        bobWatch.post(command("reply", null));
        Posted resent = alicePhone.post(command("from the phone", "c-1"));

        assertThat(resent.id()).isEqualTo(posted.id());
        assertThat(phone.log).containsExactly("ack " + posted.id().value() + " c-1", "reply",
                "ack " + posted.id().value() + " c-1");
        assertThat(laptop.texts()).containsExactly("from the phone", "reply");
        assertThat(bobSees.texts()).containsExactly("from the phone");
    }

    @Test
    void ownMessageReadFromTheStoreWhileItIsBeingPostedIsNotEchoed() {
        Recorder sees = new Recorder();
        RoomWatch aliceWatch = chat.watch.watch(alice, lobby.id(), null, "alice-1", sees);
        // alice's own event is lost, and bob's message lands while hers is still being stored:
        // bob's event names hers as its predecessor, so the watch reads hers from the store
        fanOut.hold();
        fanOut.onNextHeld(() -> {
            fanOut.stopHolding();
            chat.say(bob, lobby, "bob, right after");
        });

        Posted mine = aliceWatch.post(command("alice first", null));

        assertThat(sees.log).containsExactly("ack " + mine.id().value() + " null", "bob, right after");
    }

    /**
     * Two nodes each publish the moves made through them: the older move from the other node can come after
     * this node's newer one, and was shown last, leaving everyone's "seen by" behind until the reader read again.
     */
    @Test
    void aReadPositionOvertakenOnTheWayIsNotShownAfterTheFurtherOne() {
        MessageId first = chat.say(bob, lobby, "one").id();
        MessageId second = chat.say(bob, lobby, "two").id();
        MessageId third = chat.say(bob, lobby, "three").id();
        Recorder aliceSees = new Recorder();
        Recorder bobSees = new Recorder();
        chat.watch.watch(alice, lobby.id(), null, "alice-1", aliceSees);
        chat.watch.watch(bob, lobby.id(), null, "bob-1", bobSees);
        Username bobName = new Username("bob");

        fanOut.publish(new RoomEvent.ReadMoved(lobby.id(), bobName, second, chat.clock.instant(), null));
        // this node's own move was the further one; the other node's older one arrives after it
        fanOut.publish(new RoomEvent.ReadMoved(lobby.id(), bobName, first, chat.clock.instant(), null));
        fanOut.publish(new RoomEvent.ReadMoved(lobby.id(), bobName, third, chat.clock.instant(), null));

        for (Recorder watcher : List.of(aliceSees, bobSees)) {
            assertThat(watcher.events).filteredOn(e -> e instanceof RoomEvent.ReadMoved)
                    .map(e -> ((RoomEvent.ReadMoved) e).lastRead()).containsExactly(second, third);
        }
    }

    @Test
    void ownTypingIsNotShownButOwnReactionsAre() {
        MessageId message = chat.say(bob, lobby, "react to me").id();
        Recorder aliceSees = new Recorder();
        Recorder bobSees = new Recorder();
        RoomWatch aliceWatch = chat.watch.watch(alice, lobby.id(), null, "alice-1", aliceSees);
        chat.watch.watch(bob, lobby.id(), null, "bob-1", bobSees);

        aliceWatch.typing(RoomEvent.TypingKind.TYPING_START);
        fanOut.publish(new RoomEvent.ReactionChanged(lobby.id(), message, new Username("alice"), ReactionType.THUMBS_UP,
                true, List.of(), chat.clock.instant(), "alice-1"));

        assertThat(aliceSees.events).map(e -> e.getClass().getSimpleName())
                .containsExactly("Presence", "ReactionChanged");
        assertThat(bobSees.events).map(e -> e.getClass().getSimpleName())
                .containsExactly("Typing", "ReactionChanged");
    }

    /** "Alice is typing…" is for the others: her phone does not show it while she types on her laptop. */
    @Test
    void ownTypingIsNotShownOnTheUsersOtherConnectionsEither() {
        Recorder laptop = new Recorder();
        Recorder phone = new Recorder();
        Recorder bobSees = new Recorder();
        RoomWatch typingOn = chat.watch.watch(alice, lobby.id(), null, "alice-laptop", laptop);
        chat.watch.watch(alice, lobby.id(), null, "alice-phone", phone);
        chat.watch.watch(bob, lobby.id(), null, "bob-1", bobSees);

        typingOn.typing(RoomEvent.TypingKind.TYPING_START);

        assertThat(phone.events).as("alice's other connection").noneMatch(e -> e instanceof RoomEvent.Typing);
        assertThat(bobSees.events).as("bob").anyMatch(e -> e instanceof RoomEvent.Typing);
    }

    /** A muted member cannot post, so "Bob is typing…" would announce a message that never comes. */
    @Test
    void aMutedMembersTypingIsNotShownUntilTheMuteEnds() {
        chat.membership.join(bob, lobby.id());
        Recorder aliceSees = new Recorder();
        chat.watch.watch(alice, lobby.id(), null, "alice-1", aliceSees);
        RoomWatch bobWatch = chat.watch.watch(bob, lobby.id(), null, "bob-1", new Recorder());
        chat.rooms.saveMute(new Mute(lobby.id(), bob.userId(), chat.clock.instant().plusSeconds(60), alice.userId(),
                chat.clock.instant()));

        bobWatch.typing(RoomEvent.TypingKind.TYPING_START);
        // the original protocol's one-shot frame, which older clients send instead
        bobWatch.typing(RoomEvent.TypingKind.TYPING);
        bobWatch.typing(RoomEvent.TypingKind.TYPING_STOP);
        chat.clock.advance(Duration.ofSeconds(60));
        bobWatch.typing(RoomEvent.TypingKind.TYPING_START);
        bobWatch.typing(RoomEvent.TypingKind.TYPING);

        assertThat(aliceSees.events).filteredOn(e -> e instanceof RoomEvent.Typing)
                .map(e -> ((RoomEvent.Typing) e).kind())
                .as("muted: only the stop; after the mute: the start and the one-shot typing")
                .containsExactly(RoomEvent.TypingKind.TYPING_STOP, RoomEvent.TypingKind.TYPING_START,
                        RoomEvent.TypingKind.TYPING);
    }

    @Test
    void aFailedPostLetsTheHeldEventsThroughWithoutAnAck() {
        PostMessageUseCase storeDown = (caller, command) -> {
            chat.say(bob, lobby, "meanwhile");
            throw new IllegalStateException("the store is down");
        };
        WatchRoomService watching = new WatchRoomService(chat.messages, chat.reactions, chat.access, fanOut, storeDown, chat.tx,
                chat.clock, WatchRoomService.DEFAULT_PRESENCE_LIMIT);
        Recorder sees = new Recorder();
        RoomWatch aliceWatch = watching.watch(alice, lobby.id(), null, "alice-1", sees);

        assertThatThrownBy(() -> aliceWatch.post(command("lost", null))).hasMessage("the store is down");
        chat.say(bob, lobby, "after");

        assertThat(sees.log).containsExactly("meanwhile", "after");
    }

    @Test
    void whatArrivesBeyondTheHoldingLimitWhileAPostIsStoredIsReadFromTheStore() {
        Recorder sees = new Recorder();
        RoomWatch aliceWatch = chat.watch.watch(alice, lobby.id(), null, "alice-1", sees);
        int arriving = WatchRoomService.MAX_HELD + 50;
        fanOut.onNextHeld(() -> {
            fanOut.stopHolding();
            for (int i = 0; i < arriving; i++) {
                chat.say(bob, lobby, "busy " + i);
            }
        });
        fanOut.hold();

        Posted mine = aliceWatch.post(command("mine", null));

        List<String> expected = new ArrayList<>();
        expected.add("ack " + mine.id().value() + " null");
        for (int i = 0; i < arriving; i++) {
            expected.add("busy " + i);
        }
        assertThat(sees.log).isEqualTo(expected);
    }

    @Test
    void joinsToACrowdedRoomCostNoNoticesBeyondThePresenceLimit() {
        int limit = 10;
        int crowd = 200;
        WatchRoomService watching = new WatchRoomService(chat.messages, chat.reactions, chat.access, fanOut, chat.post, chat.tx,
                chat.clock, limit);
        Room hall = chat.room(alice, "hall", false);
        List<Recorder> everyone = new ArrayList<>();
        List<RoomWatch> watches = new ArrayList<>();
        for (int i = 0; i < crowd; i++) {
            Recorder sees = new Recorder();
            everyone.add(sees);
            watches.add(watching.watch(chat.user("member" + i), hall.id(), null, "conn-" + i, sees));
        }
        watches.forEach(RoomWatch::close);

        long notices = everyone.stream().mapToLong(r -> r.presence().size()).sum();
        // the k-th of the first `limit` joiners is announced to the k-1 before it; after that, nothing;
        // and leaves only once the room is small again
        long joins = limit * (limit - 1) / 2;
        long leaves = limit * (limit - 1) / 2;
        assertThat(notices).isEqualTo(joins + leaves);
        assertThat(fanOut.presencePublished).isEqualTo(2 * limit);
    }

    @Test
    void putsReorderedFanOutBackInOrderOnce() {
        Recorder sees = new Recorder();
        chat.watch.watch(bob, lobby.id(), null, "bob-1", sees);

        fanOut.hold();
        chat.say(alice, lobby, "one");
        chat.say(alice, lobby, "two");
        chat.say(alice, lobby, "three");
        fanOut.release(2, 0, 1, 2, 0);

        assertThat(sees.texts()).containsExactly("one", "two", "three");
    }

    @Test
    void fillsALostEventFromTheStore() {
        Recorder sees = new Recorder();
        chat.watch.watch(bob, lobby.id(), null, "bob-1", sees);

        fanOut.hold();
        chat.say(alice, lobby, "one");
        chat.say(alice, lobby, "two (its event is lost)");
        chat.say(alice, lobby, "three");
        fanOut.release(0, 2);

        assertThat(sees.texts()).containsExactly("one", "two (its event is lost)", "three");
    }

    @Test
    void aChangeThatOvertookTheOneBeforeItWaitsForItInsteadOfReadingTheStore() {
        LogReads reads = new LogReads();
        try (WatchRoomService waiting = reorderingWithin(Duration.ofHours(1), reads)) {
            Recorder sees = new Recorder();
            waiting.watch(bob, lobby.id(), null, "bob-1", sees);

            fanOut.hold();
            chat.say(alice, lobby, "one");
            chat.say(alice, lobby, "two");
            chat.say(alice, lobby, "three");
            // another node's "one" is still on its way when this node's "two" and "three" are handed out
            fanOut.handOut(1, 2);
            assertThat(sees.texts()).as("shown before the change they follow arrived").isEmpty();
            fanOut.release(0);

            assertThat(sees.texts()).containsExactly("one", "two", "three");
            assertThat(reads.count.get()).as("reads of the change log for the overtaken change").isZero();
        }
    }

    @Test
    void aChangeThatStaysMissingIsReadFromTheStoreWhenTheWaitIsOver() throws InterruptedException {
        LogReads reads = new LogReads();
        try (WatchRoomService waiting = reorderingWithin(Duration.ofMillis(20), reads)) {
            Recorder sees = new Recorder();
            waiting.watch(bob, lobby.id(), null, "bob-1", sees);

            fanOut.hold();
            chat.say(alice, lobby, "one (its event is lost)");
            chat.say(alice, lobby, "two");
            fanOut.release(1);

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (sees.texts().size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(sees.texts()).containsExactly("one (its event is lost)", "two");
            assertThat(reads.count.get()).isPositive();
        }
    }

    /** A watch service whose changes wait {@code wait} for the ones they overtook, counting reads of the log. */
    private WatchRoomService reorderingWithin(Duration wait, LogReads reads) {
        MessageRepository counted = (MessageRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("changesAfter")) {
                        reads.count.incrementAndGet();
                    }
                    try {
                        return method.invoke(chat.messages, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new WatchRoomService(counted, chat.reactions, chat.access, fanOut, chat.post, chat.tx, chat.clock,
                WatchRoomService.DEFAULT_PRESENCE_LIMIT, TypingGate.OPEN, UserEvents.NONE, wait);
    }

    private static final class LogReads {
        final AtomicInteger count = new AtomicInteger();
    }

    @Test
    void resumesAfterTheLastSeenMessageThenGoesLive() {
        List<MessageId> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(chat.say(alice, lobby, "m" + i).id());
        }
        Recorder sees = new Recorder();

        chat.watch.watch(bob, lobby.id(), ids.get(1), "bob-2", sees);
        chat.say(alice, lobby, "m6");

        assertThat(sees.texts()).containsExactly("m3", "m4", "m5", "m6");
    }

    @Test
    void eventsArrivingWhileResumingAreNeitherLostNorDoubled() {
        MessageId seen = chat.say(alice, lobby, "seen").id();
        chat.say(alice, lobby, "missed");
        Recorder sees = new Recorder();
        // a message is posted while the watcher reads what it missed: its event arrives early
        sees.onFirstMessage = () -> chat.say(alice, lobby, "during");

        chat.watch.watch(bob, lobby.id(), seen, "bob-2", sees);
        chat.say(alice, lobby, "after");

        assertThat(sees.texts()).containsExactly("missed", "during", "after");
    }

    @Test
    void tooMuchMissedHistoryIsLeftToPagingAndLiveDeliveryGoesOn() {
        MessageId seen = chat.say(alice, lobby, "seen").id();
        for (int i = 0; i < WatchRoomService.MAX_RESUME + 10; i++) {
            chat.say(alice, lobby, "missed " + i);
        }
        Recorder sees = new Recorder();

        chat.watch.watch(bob, lobby.id(), seen, "bob-2", sees);
        chat.say(alice, lobby, "live");

        List<String> texts = sees.texts();
        assertThat(texts).hasSize(WatchRoomService.MAX_RESUME + 1);
        assertThat(texts.getFirst()).isEqualTo("missed 0");
        assertThat(texts.getLast()).isEqualTo("live");
        assertThat(sees.truncations).hasSize(1);
    }

    @Test
    void aPrivateRoomCannotBeWatchedByOutsiders() {
        Room secret = chat.room(alice, "secret", true);

        assertThatThrownBy(() -> chat.watch.watch(bob, secret.id(), null, "bob-1", new Recorder()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aRemovedMemberStopsSeeingThePrivateRoomAtOnce() {
        Room secret = chat.room(alice, "secret", true);
        chat.membership.addMember(alice, secret.id(), new org.chatserver.domain.Username("bob"));
        Recorder bobSees = new Recorder();
        Recorder aliceSees = new Recorder();
        chat.watch.watch(bob, secret.id(), null, "bob-1", bobSees);
        chat.watch.watch(alice, secret.id(), null, "alice-1", aliceSees);

        chat.membership.removeMember(alice, secret.id(), new org.chatserver.domain.Username("bob"));
        chat.say(alice, secret, "bob cannot read this");

        assertThat(bobSees.revocations).isEqualTo(1);
        assertThat(bobSees.texts()).isEmpty();
        assertThat(aliceSees.revocations).isZero();
        assertThat(aliceSees.texts()).containsExactly("bob cannot read this");
    }

    private PostMessageCommand command(String text, String clientId) {
        return new PostMessageCommand(lobby.id(), new org.chatserver.domain.MessageText(text), null, null,
                clientId == null ? null : new org.chatserver.domain.ClientId(clientId), null);
    }

    /** Records what a connection would be sent. */
    private static final class Recorder implements RoomListener {

        final List<RoomEvent> events = new CopyOnWriteArrayList<>();
        /** Acks and message texts, in the order the connection would send them. */
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<MessageId> truncations = new CopyOnWriteArrayList<>();
        int revocations;
        Runnable onFirstMessage;

        @Override
        public void onEvent(RoomEvent event) {
            events.add(event);
            if (event instanceof MessagePosted posted) {
                log.add(posted.message().content().text().value());
            }
            if (event instanceof MessagePosted && onFirstMessage != null) {
                Runnable once = onFirstMessage;
                onFirstMessage = null;
                once.run();
            }
        }

        @Override
        public void acknowledged(Message mine) {
            log.add("ack " + mine.id().value() + " " + mine.clientId());
        }

        @Override
        public void revoked() {
            revocations++;
        }

        @Override
        public void historyTruncated(MessageId resumeAfter, MessageId liveFrom) {
            truncations.add(resumeAfter);
        }

        List<String> texts() {
            return events.stream().filter(e -> e instanceof MessagePosted)
                    .map(e -> ((MessagePosted) e).message().content().text().value()).toList();
        }

        List<String> presence() {
            return events.stream().filter(e -> e instanceof RoomEvent.Presence)
                    .map(e -> (RoomEvent.Presence) e)
                    .map(p -> p.user().value() + (p.joined() ? " joined" : " left")).toList();
        }
    }

    /**
     * A fan-out that can hold posted-message events and hand them out late, reordered, twice or never,
     * and counts the presence events published through it.
     */
    private static final class HoldingRoomEvents implements RoomEvents {

        private final InMemoryRoomEvents delegate = new InMemoryRoomEvents();
        private final List<RoomEvent> held = new ArrayList<>();
        private boolean holding;
        private Runnable onNextHeld;
        int presencePublished;

        void hold() {
            holding = true;
        }

        void stopHolding() {
            holding = false;
        }

        /** Runs once, right after the next event is held (on the publishing thread). */
        void onNextHeld(Runnable action) {
            onNextHeld = action;
        }

        /** Hands out some held events (by index), keeping them all for a later {@link #release}. */
        void handOut(int... order) {
            for (int i : order) {
                delegate.publish(held.get(i));
            }
        }

        void release(int... order) {
            holding = false;
            for (int i : order) {
                delegate.publish(held.get(i));
            }
            held.clear();
        }

        @Override
        public void publish(RoomEvent event) {
            if (event instanceof RoomEvent.Presence) {
                presencePublished++;
            }
            if (holding && event instanceof MessagePosted) {
                held.add(event);
                Runnable action = onNextHeld;
                onNextHeld = null;
                if (action != null) {
                    action.run();
                }
            } else {
                delegate.publish(event);
            }
        }

        @Override
        public Subscription subscribe(RoomId room, Consumer<RoomEvent> listener) {
            return delegate.subscribe(room, listener);
        }
    }
}
