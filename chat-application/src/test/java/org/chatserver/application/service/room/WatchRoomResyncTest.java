package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.chatserver.application.fakes.InMemoryRoomEvents;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomListener;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.application.port.in.message.DeleteMessageUseCase.DeleteMessageCommand;
import org.chatserver.application.port.in.message.EditMessageUseCase.EditMessageCommand;
import org.chatserver.application.port.in.message.PinMessageUseCase.PinCommand;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomEvent.MessagePosted;
import org.chatserver.domain.RoomEvent.Resync;
import org.chatserver.domain.RoomId;
import org.junit.jupiter.api.Test;

/**
 * A watcher told that fan-out may have lost events ({@link Resync}) reads what it missed from
 * the change log at once, instead of waiting for the room's next change to reveal the gap.
 */
class WatchRoomResyncTest {

    private final LosingRoomEvents fanOut = new LosingRoomEvents();
    private final ChatFixture chat = new ChatFixture(fanOut);
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final Room lobby = chat.room(alice, "lobby", false);

    @Test
    void aResyncDeliversTheMessagesWhoseEventsWereLostInOrderOnce() {
        List<String> bobSees = new CopyOnWriteArrayList<>();
        chat.watch.watch(bob, lobby.id(), null, "bob-1", texts(bobSees));
        chat.say(alice, lobby, "one");

        fanOut.losing = true;
        chat.say(alice, lobby, "two");
        chat.say(alice, lobby, "three");
        fanOut.losing = false;
        assertThat(bobSees).containsExactly("one");

        fanOut.publish(new Resync(lobby.id()));
        fanOut.publish(new Resync(lobby.id()));
        chat.say(alice, lobby, "four");

        assertThat(bobSees).containsExactly("one", "two", "three", "four");
    }

    @Test
    void aResyncInARoomWithoutMessagesYetDeliversThemFromTheFirst() {
        List<String> bobSees = new CopyOnWriteArrayList<>();
        chat.watch.watch(bob, lobby.id(), null, "bob-1", texts(bobSees));

        fanOut.losing = true;
        chat.say(alice, lobby, "first");
        fanOut.losing = false;
        fanOut.publish(new Resync(lobby.id()));

        assertThat(bobSees).containsExactly("first");
    }

    /**
     * A cross-node fan-out that looks at the store now and then names the newest change it found: a watcher that
     * delivered it reads nothing (a quiet room's watchers would otherwise each read the store for nothing), one
     * that lacks it reads up to it and beyond.
     */
    @Test
    void aResyncNamingAChangeTheWatcherHasReadsNothing() {
        List<String> bobSees = new CopyOnWriteArrayList<>();
        chat.watch.watch(bob, lobby.id(), null, "bob-1", texts(bobSees));
        chat.say(alice, lobby, "one");
        ChangeId delivered = chat.messages.latestChange(lobby.id()).orElseThrow();

        fanOut.losing = true;
        chat.say(alice, lobby, "two");
        chat.say(alice, lobby, "three");
        fanOut.losing = false;
        fanOut.publish(new Resync(lobby.id(), delivered));
        assertThat(bobSees).as("nothing read for a change it has").containsExactly("one");

        fanOut.publish(new Resync(lobby.id(), chat.messages.latestChange(lobby.id()).orElseThrow()));
        assertThat(bobSees).containsExactly("one", "two", "three");
    }

    @Test
    void aResyncRestoresEveryKindOfChangeNotOnlyPosts() {
        MessageId one = chat.say(alice, lobby, "one").id();
        MessageId gone = chat.say(alice, lobby, "gone").id();
        List<String> bobSees = new CopyOnWriteArrayList<>();
        chat.watch.watch(bob, lobby.id(), null, "bob-1", event -> bobSees.add(describe(event)));

        fanOut.losing = true;
        MessageId two = chat.say(alice, lobby, "two").id();
        chat.edit.edit(alice, new EditMessageCommand(lobby.id(), one, new MessageText("one!"), null));
        chat.react.add(alice, new AddReaction(two, ReactionType.HEART, null));
        chat.pin.pin(alice, new PinCommand(lobby.id(), two, null));
        chat.delete.delete(alice, new DeleteMessageCommand(lobby.id(), gone, null));
        fanOut.losing = false;
        assertThat(bobSees).isEmpty();

        fanOut.publish(new Resync(lobby.id()));
        fanOut.publish(new Resync(lobby.id()));

        assertThat(bobSees).containsExactly("posted two", "edited one!", "reaction_added", "pinned", "deleted");
    }

    @Test
    void aLostEditIsFilledInWhenTheNextChangeRevealsTheGap() {
        MessageId one = chat.say(alice, lobby, "one").id();
        List<String> bobSees = new CopyOnWriteArrayList<>();
        chat.watch.watch(bob, lobby.id(), null, "bob-1", event -> bobSees.add(describe(event)));

        fanOut.losing = true;
        chat.edit.edit(alice, new EditMessageCommand(lobby.id(), one, new MessageText("one!"), null));
        fanOut.losing = false;
        chat.say(alice, lobby, "two");

        assertThat(bobSees).containsExactly("edited one!", "posted two");
    }

    private static String describe(RoomEvent event) {
        return switch (event) {
            case MessagePosted p -> "posted " + p.message().content().text().value();
            case RoomEvent.MessageEdited e -> "edited " + e.message().content().text().value();
            case RoomEvent.MessageDeleted d -> "deleted";
            case RoomEvent.ReactionChanged r -> r.added() ? "reaction_added" : "reaction_removed";
            case RoomEvent.PinChanged p -> p.pinned() ? "pinned" : "unpinned";
            default -> event.getClass().getSimpleName();
        };
    }

    @Test
    void aResyncIsNeverPassedOnToTheConnection() {
        List<RoomEvent> seen = new CopyOnWriteArrayList<>();
        chat.watch.watch(bob, lobby.id(), null, "bob-1", seen::add);

        fanOut.publish(new Resync(lobby.id()));
        chat.say(alice, lobby, "after");

        assertThat(seen).noneMatch(e -> e instanceof Resync);
        assertThat(seen).filteredOn(e -> e instanceof MessagePosted).hasSize(1);
    }

    private static RoomListener texts(List<String> into) {
        return event -> {
            if (event instanceof MessagePosted posted) {
                into.add(posted.message().content().text().value());
            }
        };
    }

    /** A fan-out that loses the events of changes while told to, as a broken link between nodes would. */
    private static final class LosingRoomEvents implements RoomEvents {

        private final InMemoryRoomEvents delegate = new InMemoryRoomEvents();
        volatile boolean losing;

        @Override
        public void publish(RoomEvent event) {
            if (!(losing && event instanceof RoomEvent.Change)) {
                delegate.publish(event);
            }
        }

        @Override
        public Subscription subscribe(RoomId room, Consumer<RoomEvent> listener) {
            return delegate.subscribe(room, listener);
        }
    }
}
