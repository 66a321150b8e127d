package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.chatserver.application.fakes.InMemoryRoomEvents;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomListener;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomWatch;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent.MessagePosted;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
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
        assertThat(aliceSees.presence()).containsExactly("alice joined", "bob left");
        assertThat(bobSees.presence()).containsExactly("bob joined", "alice joined");
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

    /** Records what a connection would be sent. */
    private static final class Recorder implements RoomListener {

        final List<RoomEvent> events = new CopyOnWriteArrayList<>();
        final List<MessageId> truncations = new CopyOnWriteArrayList<>();
        int revocations;
        Runnable onFirstMessage;

        @Override
        public void onEvent(RoomEvent event) {
            events.add(event);
            if (event instanceof MessagePosted && onFirstMessage != null) {
                Runnable once = onFirstMessage;
                onFirstMessage = null;
                once.run();
            }
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

    /** A fan-out that can hold posted-message events and hand them out late, reordered, twice or never. */
    private static final class HoldingRoomEvents implements RoomEvents {

        private final InMemoryRoomEvents delegate = new InMemoryRoomEvents();
        private final List<RoomEvent> held = new ArrayList<>();
        private boolean holding;

        void hold() {
            holding = true;
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
            if (holding && event instanceof MessagePosted) {
                held.add(event);
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
