package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.room.ReadReceiptsUseCase.SeenBy;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomListener;
import org.chatserver.application.port.in.user.UserSettingsUseCase.SettingsChange;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReadPosition;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomEvent.ReadMoved;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** Read receipts: mark-read up to a message, seen-by, members' positions, read events and who keeps theirs. */
class ReadReceiptsTest {

    private final ChatFixture chat = new ChatFixture();
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final AuthenticatedUser carol = chat.user("carol");
    private final Room lobby = chat.room(alice, "lobby", false);

    @Test
    void markingReadUpToAMessageReadsThatFarAndCountsWhatItRead() {
        chat.membership.join(bob, lobby.id());
        MessageId one = chat.say(alice, lobby, "one").id();
        MessageId two = chat.say(alice, lobby, "two").id();
        chat.say(alice, lobby, "three");

        assertThat(chat.markRead.markRead(bob, lobby.id(), two)).isEqualTo(2);
        assertThat(unread(bob)).isEqualTo(1);
        assertThat(chat.markRead.markRead(bob, lobby.id(), one)).as("never backward").isZero();
        assertThat(unread(bob)).isEqualTo(1);
        assertThat(chat.markRead.markRead(bob, lobby.id())).as("the rest").isEqualTo(1);
        assertThat(unread(bob)).isZero();
    }

    @Test
    void aMessageOfAnotherRoomOrNoneIsNotFound() {
        Room other = chat.room(alice, "other", false);
        MessageId elsewhere = chat.say(alice, other, "elsewhere").id();

        assertThatThrownBy(() -> chat.markRead.markRead(bob, lobby.id(), elsewhere))
                .isInstanceOf(NotFoundException.class).hasMessage("Message not found");
        assertThatThrownBy(() -> chat.markRead.markRead(bob, lobby.id(), new MessageId(999)))
                .isInstanceOf(NotFoundException.class).hasMessage("Message not found");
        assertThatThrownBy(() -> chat.readReceipts.seenBy(bob, lobby.id(), elsewhere))
                .isInstanceOf(NotFoundException.class).hasMessage("Message not found");
        assertThat(chat.membership.members(alice, lobby.id()).members()).extracting(m -> m.username().value())
                .as("a refused mark-read joins nobody").containsExactly("alice");
    }

    @Test
    void seenByListsTheMembersWhoReadThatFarWithoutTheSender() {
        chat.membership.join(bob, lobby.id());
        chat.membership.join(carol, lobby.id());
        MessageId hello = chat.say(alice, lobby, "hello").id();
        MessageId later = chat.say(alice, lobby, "later").id();
        chat.markRead.markRead(alice, lobby.id());
        chat.clock.advance(Duration.ofSeconds(3));
        chat.markRead.markRead(carol, lobby.id(), hello);
        chat.clock.advance(Duration.ofSeconds(3));
        chat.markRead.markRead(bob, lobby.id());

        assertThat(chat.readReceipts.seenBy(carol, lobby.id(), hello)).containsExactly(
                new SeenBy(new Username("carol"), chat.clock.instant().minusSeconds(3)),
                new SeenBy(new Username("bob"), chat.clock.instant()));
        assertThat(chat.readReceipts.seenBy(carol, lobby.id(), later)).extracting(SeenBy::username)
                .containsExactly(new Username("bob"));
    }

    /**
     * A public room is read by anyone, its members list included; who has read how far is for its members: someone
     * not in it is refused the seen-by list and sees no member's position, and one who left no longer does.
     */
    @Test
    void readReceiptsAreForTheRoomsMembersOnly() {
        chat.membership.join(bob, lobby.id());
        chat.membership.join(carol, lobby.id());
        MessageId hello = chat.say(alice, lobby, "hello").id();
        chat.markRead.markRead(bob, lobby.id());
        assertThat(positionsAsSeenBy(carol)).containsKey(bob.userId());
        chat.membership.leave(carol, lobby.id());
        AuthenticatedUser dave = chat.user("dave");

        for (AuthenticatedUser outsider : List.of(carol, dave)) {
            assertThatThrownBy(() -> chat.readReceipts.seenBy(outsider, lobby.id(), hello))
                    .isInstanceOf(org.chatserver.domain.RuleViolation.NotPermitted.class)
                    .hasMessage("Only members of the room can see who has read its messages");
            assertThat(positionsAsSeenBy(outsider)).isEmpty();
        }
        assertThat(chat.readReceipts.seenBy(alice, lobby.id(), hello)).extracting(SeenBy::username)
                .containsExactly(new Username("bob"));
    }

    /** A room's watchers hear read receipts as its members: watching joins, and one who leaves hears no more. */
    @Test
    void aWatcherIsAMemberAndHearsNoReadReceiptsOnceTheyLeave() {
        chat.membership.join(bob, lobby.id());
        MessageId one = chat.say(alice, lobby, "one").id();
        MessageId two = chat.say(alice, lobby, "two").id();
        List<RoomEvent> heard = new ArrayList<>();
        var watch = chat.watch.watch(carol, lobby.id(), null, "carol-1", new RoomListener() {
            @Override
            public void onEvent(RoomEvent event) {
                heard.add(event);
            }
        });
        assertThat(chat.membership.members(alice, lobby.id()).members()).extracting(m -> m.username().value())
                .as("watching joined carol").contains("carol");
        chat.markRead.markRead(bob, lobby.id(), one);
        assertThat(reads(heard)).containsExactly(one);

        chat.membership.leave(carol, lobby.id());
        chat.endReadWindows();
        chat.markRead.markRead(bob, lobby.id(), two);
        chat.endReadWindows();

        assertThat(reads(heard)).containsExactly(one);
        watch.close();
    }

    @Test
    void someoneWhoKeepsTheirReceiptsIsNotSeenAnywhereButKeepsTheirCounts() {
        chat.membership.join(bob, lobby.id());
        MessageId hello = chat.say(alice, lobby, "hello").id();
        chat.say(alice, lobby, "again");
        assertThat(chat.settings.change(bob, new SettingsChange(false)).shareReadReceipts()).isFalse();

        assertThat(chat.markRead.markRead(bob, lobby.id(), hello)).isEqualTo(1);
        chat.endReadWindows();

        assertThat(unread(bob)).isEqualTo(1);
        assertThat(chat.readReceipts.seenBy(alice, lobby.id(), hello)).isEmpty();
        assertThat(positionsAsSeenBy(alice)).doesNotContainKey(bob.userId());
        assertThat(chat.published.published()).noneMatch(ReadMoved.class::isInstance);

        assertThat(chat.settings.change(bob, new SettingsChange(null)).shareReadReceipts()).as("unchanged").isFalse();
        chat.settings.change(bob, new SettingsChange(true));
        assertThat(positionsAsSeenBy(alice))
                .containsEntry(bob.userId(), new ReadPosition(hello, chat.clock.instant()));
    }

    @Test
    void watchersHearOfAMoveAtOnceAndOfLaterMovesOncePerWindowWithTheFurthestPosition() {
        chat.membership.join(bob, lobby.id());
        List<RoomEvent> heard = new ArrayList<>();
        var watch = chat.watch.watch(carol, lobby.id(), null, "carol-1", new RoomListener() {
            @Override
            public void onEvent(RoomEvent event) {
                heard.add(event);
            }
        });
        MessageId one = chat.say(alice, lobby, "one").id();
        MessageId two = chat.say(alice, lobby, "two").id();
        MessageId three = chat.say(alice, lobby, "three").id();
        heard.clear();

        chat.markRead.markRead(bob, lobby.id(), one);
        chat.markRead.markRead(bob, lobby.id(), two);
        chat.markRead.markRead(bob, lobby.id(), three);
        assertThat(reads(heard)).containsExactly(one);

        chat.endReadWindows();
        assertThat(reads(heard)).containsExactly(one, three);

        chat.endReadWindows();
        assertThat(chat.readWindows).as("a quiet window closes").isEmpty();
        assertThat(reads(heard)).containsExactly(one, three);
        watch.close();
    }

    @Test
    void eachMemberAndRoomHasAWindowOfItsOwn() {
        chat.membership.join(bob, lobby.id());
        chat.membership.join(carol, lobby.id());
        MessageId one = chat.say(alice, lobby, "one").id();

        chat.markRead.markRead(bob, lobby.id(), one);
        chat.markRead.markRead(carol, lobby.id(), one);

        assertThat(chat.published.published()).filteredOn(ReadMoved.class::isInstance)
                .extracting(e -> ((ReadMoved) e).user().value()).containsExactly("bob", "carol");
    }

    @Test
    void markingReadWhatIsAlreadyReadTellsNobody() {
        chat.say(alice, lobby, "one");
        chat.membership.join(bob, lobby.id());

        assertThat(chat.markRead.markRead(bob, lobby.id())).isZero();

        assertThat(chat.published.published()).noneMatch(ReadMoved.class::isInstance);
    }

    /** The read positions of the lobby's members list as {@code reader} reads it. */
    private Map<UserId, ReadPosition> positionsAsSeenBy(AuthenticatedUser reader) {
        return chat.readReceipts.readPositions(reader, chat.membership.members(reader, lobby.id()));
    }

    private long unread(AuthenticatedUser user) {
        return chat.manageRooms.list(user, 100).stream().filter(s -> s.room().id().equals(lobby.id()))
                .findFirst().orElseThrow().unreadCount();
    }

    private static List<MessageId> reads(List<RoomEvent> heard) {
        return heard.stream().filter(ReadMoved.class::isInstance).map(e -> ((ReadMoved) e).lastRead()).toList();
    }
}
