package org.chatserver.application.service.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.moderation.ModerateRoomUseCase.MuteMember;
import org.chatserver.application.port.in.room.RoomMembershipUseCase.MembersList;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.application.service.user.PresenceService;
import org.chatserver.domain.Room;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/rooms/{room_id}/members} shows each member with their read position, presence and mute, and the web
 * client asks for it every 30 seconds for each open room: one look-up of the room and of the reader's membership
 * serves all of it, and each part still shows this reader only what it showed them before.
 */
class MembersListTest {

    private final ChatFixture chat = new ChatFixture();
    private final PresenceService presence =
            new PresenceService(chat.presence, chat.users, chat.rooms, chat.clock, Duration.ofMinutes(5));
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final AuthenticatedUser carol = chat.user("carol");
    private final Room lobby = chat.room(alice, "lobby", false);

    MembersListTest() {
        chat.membership.join(bob, lobby.id());
        chat.say(alice, lobby, "hello");
        chat.markRead.markRead(bob, lobby.id());
        chat.moderation.mute(alice, new MuteMember(lobby.id(), new Username("bob"), 10));
    }

    @Test
    void theListWithReadPositionsPresenceAndMutesLooksTheReadersMembershipUpOnce() {
        int before = chat.rooms.membershipLookups();

        MembersList list = chat.membership.members(alice, lobby.id());
        var positions = chat.readReceipts.readPositions(alice, list);
        var presences = presence.presenceOfMembers(alice, list);
        var mutes = chat.moderation.mutedUntil(alice, list);

        assertThat(chat.rooms.membershipLookups() - before).isEqualTo(1);
        assertThat(positions).containsOnlyKeys(bob.userId());
        assertThat(presences).containsOnlyKeys(alice.userId(), bob.userId());
        assertThat(mutes).containsOnlyKeys(bob.userId());
    }

    @Test
    void aReaderWhoIsNotAMemberSeesNoReadPositionsAndNoMutesOfOthers() {
        MembersList list = chat.membership.members(carol, lobby.id());

        assertThat(list.members()).extracting(m -> m.username().value()).containsExactly("alice", "bob");
        assertThat(chat.readReceipts.readPositions(carol, list)).isEmpty();
        assertThat(chat.moderation.mutedUntil(carol, list)).isEmpty();
    }

    /** The list carries its reader's membership: handed to someone else, it shows them nothing of it. */
    @Test
    void aListSomeoneElseReadShowsTheCallerNoMoreThanTheirOwnList() {
        MembersList alices = chat.membership.members(alice, lobby.id());

        assertThat(chat.readReceipts.readPositions(carol, alices)).isEmpty();
        assertThat(chat.moderation.mutedUntil(carol, alices)).isEmpty();
        assertThat(chat.moderation.mutedUntil(bob, alices)).as("their own mute, as a member sees it")
                .containsOnlyKeys(bob.userId());
    }
}
