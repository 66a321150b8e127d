package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.application.port.out.notification.Notice;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.Room;
import org.chatserver.domain.RuleViolation;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** Direct messages as the two people notice them. */
class DirectMessagesServiceTest {

    private final ChatFixture chat = new ChatFixture();
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final AuthenticatedUser carol = chat.user("carol");

    @Test
    void bothSidesGetTheSameRoomOfExactlyThoseTwo() {
        RoomSummary fromAlice = chat.directMessages.open(alice, new Username("BOB"));
        RoomSummary again = chat.directMessages.open(alice, new Username("bob"));
        RoomSummary fromBob = chat.directMessages.open(bob, new Username("alice"));

        assertThat(again.room()).isEqualTo(fromAlice.room());
        assertThat(fromBob.room()).isEqualTo(fromAlice.room());
        assertThat(fromAlice.room().isDirect()).isTrue();
        assertThat(fromAlice.peer()).isEqualTo(new Username("bob"));
        assertThat(fromBob.peer()).isEqualTo(new Username("alice"));
        assertThat(chat.membership.members(alice, fromAlice.room().id()).members())
                .extracting(m -> m.username().value()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(chat.manageRooms.list(carol, 50)).noneMatch(s -> s.room().equals(fromAlice.room()));
        assertThat(chat.manageRooms.list(bob, 50)).filteredOn(s -> s.room().equals(fromAlice.room()))
                .extracting(RoomSummary::peer).containsExactly(new Username("alice"));
        assertThat(chat.directMessages.open(alice, new Username("carol")).room()).isNotEqualTo(fromAlice.room());
    }

    @Test
    void nobodyIsAddedToADirectMessageNorLeavesIt() {
        Room dm = chat.directMessages.open(alice, new Username("bob")).room();

        assertThatThrownBy(() -> chat.membership.addMember(alice, dm.id(), new Username("carol")))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessage("Nobody can be added to or removed from a direct message");
        assertThatThrownBy(() -> chat.membership.removeMember(alice, dm.id(), new Username("bob")))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> chat.membership.leave(bob, dm.id()))
                .isInstanceOf(RuleViolation.NotPossible.class).hasMessage("A direct message cannot be left");
    }

    @Test
    void anUnknownPeerOrYourselfIsRefused() {
        assertThatThrownBy(() -> chat.directMessages.open(alice, new Username("nobody")))
                .isInstanceOf(NotFoundException.class).hasMessage("User not found");
        assertThatThrownBy(() -> chat.directMessages.open(alice, new Username("Alice")))
                .isInstanceOf(RuleViolation.NotPossible.class);
    }

    @Test
    void aPostToAnOfflinePeerSendsOneDirectMessageNotice() {
        Room dm = chat.directMessages.open(alice, new Username("bob")).room();

        chat.say(alice, dm, "@bob are you there?");
        assertThat(chat.notices).extracting(Notice::kind, Notice::recipientName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Notice.Kind.DIRECT_MESSAGE, new Username("bob")));

        chat.notices.clear();
        chat.presence.report(bob.userId(), PresenceStatus.ONLINE, chat.clock.instant());
        chat.say(alice, dm, "now?");
        assertThat(chat.notices).isEmpty();
    }
}
