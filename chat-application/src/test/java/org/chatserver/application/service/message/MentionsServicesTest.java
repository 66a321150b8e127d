package org.chatserver.application.service.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.DeleteMessageUseCase.DeleteMessageCommand;
import org.chatserver.application.port.in.message.EditMessageUseCase.EditMessageCommand;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.application.port.out.notification.Notice;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.Room;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** Mentions as users notice them: in the message, in the room list's count, in their mentions page, by notice. */
class MentionsServicesTest {

    private final ChatFixture chat = new ChatFixture();
    private final AuthenticatedUser owner = chat.user("owner");
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final Room room = chat.room(owner, "lobby", true);

    MentionsServicesTest() {
        chat.membership.addMember(owner, room.id(), alice.username());
        chat.membership.addMember(owner, room.id(), bob.username());
    }

    private long mentionCount(AuthenticatedUser who) {
        return chat.manageRooms.list(who, 50).stream().filter(s -> s.room().id().equals(room.id()))
                .mapToLong(RoomSummary::mentionCount).findFirst().orElseThrow();
    }

    private List<MessageId> mentionsOf(AuthenticatedUser who) {
        return chat.mentions.mentions(who, Paging.newest(50)).stream().map(v -> v.message().id()).toList();
    }

    @Test
    void aNamedMemberIsMentionedCountedListedAndNotifiedWhileOffline() {
        MessageId id = chat.say(alice, room, "hey @BOB and @nobody, look").id();

        MessageView stored = chat.history.page(bob, room.id(), Paging.newest(10)).getLast();
        assertThat(stored.message().mentions().users()).containsExactly(new Username("bob"));
        assertThat(mentionCount(bob)).isEqualTo(1);
        assertThat(mentionCount(alice)).isZero();
        assertThat(mentionCount(owner)).isZero();
        assertThat(mentionsOf(bob)).containsExactly(id);
        assertThat(chat.notices).extracting(Notice::kind, Notice::recipientName, Notice::sender)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Notice.Kind.MENTION, new Username("bob"),
                        new Username("alice")));
    }

    /** Signing up as "bob." takes no mention from bob: "ask @bob." names bob where bob. is not a member. */
    @Test
    void aNameWithADotAtItsEndTakesTheMentionOnlyInTheRoomsItsUserIsIn() {
        AuthenticatedUser bobDot = chat.user("bob.");

        chat.say(alice, room, "ask @bob.");
        assertThat(mentionCount(bob)).as("bob, after 'ask @bob.' with bob. outside the room").isEqualTo(1);

        chat.membership.addMember(owner, room.id(), bobDot.username());
        chat.say(alice, room, "ask @bob.");
        assertThat(mentionCount(bob)).as("bob, once bob. is a member too").isEqualTo(1);
        assertThat(chat.history.page(bob, room.id(), Paging.newest(1)).getLast().message().mentions().users())
                .containsExactly(new Username("bob."));
    }

    /** "@bobé" is another word, not bob; "@bob's", "@bob😀" and "@bobさん" are bob. */
    @Test
    void aNameGluedToALetterCallsNobodyWhilePunctuationAnEmojiOrJapaneseEndsIt() {
        chat.say(alice, room, "ask @bob\u00E9 or @bob\u0436");
        assertThat(mentionCount(bob)).isZero();
        assertThat(chat.notices).isEmpty();

        chat.say(alice, room, "@bob's turn, @bob\uD83D\uDE00");
        assertThat(mentionCount(bob)).isEqualTo(1);
        chat.say(alice, room, "@bob\u3055\u3093\u3001\u3069\u3046\u305E");
        assertThat(mentionCount(bob)).as("@bobさん、どうぞ").isEqualTo(2);
    }

    /** "ask @dot.." names dot., a member, and dot when dot. is not in the room. */
    @Test
    void aNameWithTwoDotsAtItsEndIsTheLongestOfItsNamesInTheRoom() {
        AuthenticatedUser dot = chat.user("dot");
        AuthenticatedUser dotDot = chat.user("dot.");
        chat.membership.addMember(owner, room.id(), dot.username());

        chat.say(alice, room, "ask @dot..");
        assertThat(chat.history.page(dot, room.id(), Paging.newest(1)).getLast().message().mentions().users())
                .containsExactly(new Username("dot"));

        chat.membership.addMember(owner, room.id(), dotDot.username());
        chat.say(alice, room, "ask @dot..");
        assertThat(chat.history.page(dot, room.id(), Paging.newest(1)).getLast().message().mentions().users())
                .containsExactly(new Username("dot."));
    }

    @Test
    void someoneOnlineGetsNoNotice() {
        chat.presence.report(bob.userId(), PresenceStatus.ONLINE, chat.clock.instant());

        chat.say(alice, room, "@bob here");

        assertThat(chat.notices).isEmpty();
        assertThat(mentionCount(bob)).isEqualTo(1);
    }

    @Test
    void readingPastAMentionClearsItsCountButNotTheMentionsPage() {
        MessageId first = chat.say(alice, room, "@bob one").id();
        MessageId second = chat.say(alice, room, "@bob two").id();

        chat.markRead.markRead(bob, room.id(), first);
        assertThat(mentionCount(bob)).isEqualTo(1);
        chat.markRead.markRead(bob, room.id(), null);
        assertThat(mentionCount(bob)).isZero();
        assertThat(mentionsOf(bob)).containsExactly(second, first);
    }

    @Test
    void theRoomIsCalledByItsOwnerNotByAMember() {
        chat.say(alice, room, "@room lunch?");
        assertThat(mentionCount(bob)).isZero();
        assertThat(chat.history.page(bob, room.id(), Paging.newest(1)).getFirst().message().mentions())
                .isEqualTo(Mentions.NONE);

        chat.say(owner, room, "@room fire drill");
        assertThat(mentionCount(bob)).isEqualTo(1);
        assertThat(mentionCount(alice)).isEqualTo(1);
        assertThat(mentionCount(owner)).isZero();
        assertThat(chat.history.page(bob, room.id(), Paging.newest(1)).getFirst().message().mentions().room())
                .isTrue();
    }

    @Test
    void anEditMovesTheMentionAndNotifiesOnlyTheNewlyCalled() {
        MessageId id = chat.say(alice, room, "@bob hi").id();
        chat.notices.clear();

        chat.edit.edit(alice, new EditMessageCommand(room.id(), id, new MessageText("@owner hi, @bob"), null));
        assertThat(mentionCount(bob)).isEqualTo(1);
        assertThat(mentionCount(owner)).isEqualTo(1);
        assertThat(chat.notices).extracting(Notice::recipientName).containsExactly(new Username("owner"));

        chat.edit.edit(alice, new EditMessageCommand(room.id(), id, new MessageText("hi all"), null));
        assertThat(mentionCount(bob)).isZero();
        assertThat(mentionCount(owner)).isZero();
        assertThat(mentionsOf(bob)).isEmpty();
    }

    @Test
    void aDeletedMessageLeavesCountsAndPages() {
        MessageId id = chat.say(alice, room, "@bob psst").id();

        chat.delete.delete(alice, new DeleteMessageCommand(room.id(), id, null));

        assertThat(mentionCount(bob)).isZero();
        assertThat(mentionsOf(bob)).isEmpty();
    }

    @Test
    void aDeletedMessageIsNoLongerUnreadNorShownAsTheRoomsLastMessage() {
        chat.say(alice, room, "still here");
        MessageId id = chat.say(alice, room, "@bob oops").id();

        chat.delete.delete(alice, new DeleteMessageCommand(room.id(), id, null));

        RoomSummary listed = chat.manageRooms.list(bob, 50).stream().filter(s -> s.room().id().equals(room.id()))
                .findFirst().orElseThrow();
        assertThat(listed.unreadCount()).as("a tombstone is nothing to read").isEqualTo(1);
        assertThat(listed.mentionCount()).isZero();
        assertThat(listed.lastMessage()).hasValueSatisfying(
                m -> assertThat(m.content().text().value()).isEqualTo("still here"));
    }

    /** A message names only members of its room, whom it counts and notifies; its author, named, is not counted. */
    @Test
    void aNonMemberIsNotNamedAndTheAuthorIsNamedButNotCounted() {
        AuthenticatedUser carol = chat.user("carol");

        chat.say(alice, room, "@carol @alice see");

        assertThat(chat.history.page(alice, room.id(), Paging.newest(1)).getFirst().message().mentions().users())
                .containsExactly(new Username("alice"));
        assertThat(mentionsOf(carol)).isEmpty();
        assertThat(mentionCount(alice)).isZero();
        assertThat(chat.notices).isEmpty();
    }

    /** In a direct message too, someone outside the pair is not named; the peer is. An edit goes by the same rule. */
    @Test
    void aDirectMessageNamesOnlyItsTwoMembers() {
        chat.user("carol");
        Room dm = chat.directMessages.open(alice, new Username("bob")).room();

        MessageId id = chat.say(alice, dm, "@carol @bob hi").id();
        assertThat(chat.history.page(bob, dm.id(), Paging.newest(1)).getFirst().message().mentions().users())
                .containsExactly(new Username("bob"));

        chat.edit.edit(alice, new EditMessageCommand(dm.id(), id, new MessageText("@carol only"), null));
        assertThat(chat.history.page(bob, dm.id(), Paging.newest(1)).getFirst().message().mentions().users())
                .isEmpty();
    }

    @Test
    void mentionsArePagedNewestFirstWithBefore() {
        MessageId first = chat.say(alice, room, "@bob 1").id();
        MessageId second = chat.say(alice, room, "@bob 2").id();
        MessageId third = chat.say(alice, room, "@bob 3").id();

        assertThat(chat.mentions.mentions(bob, new Paging(third, null, 1))).extracting(v -> v.message().id())
                .containsExactly(second);
        assertThat(chat.mentions.mentions(bob, new Paging(null, null, 2))).extracting(v -> v.message().id())
                .containsExactly(third, second);
        assertThat(first).isNotNull();
    }
}
