package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.chatserver.domain.Membership.Role;
import org.junit.jupiter.api.Test;

class RoomTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final UserId ALICE = new UserId(1);
    private static final UserId BOB = new UserId(2);
    private static final UserId CAROL = new UserId(3);
    private static final Optional<Ban> NO_BAN = Optional.empty();

    private final Room lobby = new Room(new RoomId(10), new RoomName("lobby"), false, ALICE, NOW);
    private final Room secret = new Room(new RoomId(11), new RoomName("secret"), true, ALICE, NOW);
    private final Room general = new Room(new RoomId(12), new RoomName("General"), false, null, NOW);

    @Test
    void aPublicRoomIsSeenByEveryoneAPrivateOneByItsMembersOnly() {
        assertThat(lobby.isVisibleTo(Optional.empty())).isTrue();
        assertThat(lobby.isVisibleTo(Optional.of(member(lobby, BOB)))).isTrue();
        assertThat(secret.isVisibleTo(Optional.empty())).isFalse();
        assertThat(secret.isVisibleTo(Optional.of(member(secret, BOB)))).isTrue();
    }

    /** Who has read how far is the members' business: a public room's readers who are not in it are not told. */
    @Test
    void readReceiptsAreShownToMembersOnly() {
        assertThat(lobby.showsReadReceiptsTo(Optional.of(member(lobby, BOB)))).isTrue();
        assertThat(lobby.showsReadReceiptsTo(Optional.empty())).isFalse();
        assertThatThrownBy(() -> lobby.checkReadReceiptsShownTo(Optional.empty()))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Only members of the room can see who has read its messages");
        assertThatThrownBy(() -> lobby.showsReadReceiptsTo(Optional.of(member(secret, BOB))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMembershipOfAnotherRoomIsNoProofOfAnything() {
        Optional<Membership> ofLobby = Optional.of(member(lobby, BOB));

        assertThatThrownBy(() -> secret.isVisibleTo(ofLobby)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> secret.add(Optional.of(owner(lobby)), CAROL, NO_BAN, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void joiningMakesTheCreatorTheOwnerAndAnyoneElseAMember() {
        assertThat(lobby.join(ALICE, NO_BAN, NOW)).isEqualTo(new Membership(lobby.id(), ALICE, Role.OWNER, NOW));
        assertThat(lobby.join(BOB, NO_BAN, NOW)).isEqualTo(new Membership(lobby.id(), BOB, Role.MEMBER, NOW));
        assertThat(general.join(BOB, NO_BAN, NOW).role()).as("a room the server made has no owner")
                .isEqualTo(Role.MEMBER);
    }

    @Test
    void onlyItsCreatorJoinsAPrivateRoomByThemselves() {
        assertThat(secret.join(ALICE, NO_BAN, NOW).role()).isEqualTo(Role.OWNER);
        assertThatThrownBy(() -> secret.join(BOB, NO_BAN, NOW)).isInstanceOf(RuleViolation.NotPermitted.class);
    }

    @Test
    void theOwnerOfAPrivateRoomAddsMembers() {
        assertThat(secret.add(Optional.of(owner(secret)), BOB, NO_BAN, NOW))
                .isEqualTo(new Membership(secret.id(), BOB, Role.MEMBER, NOW));
    }

    @Test
    void noOneButTheOwnerManagesAPrivateRoomsMembers() {
        assertThatThrownBy(() -> secret.add(Optional.of(member(secret, BOB)), CAROL, NO_BAN, NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Only the creator of the room can manage its members");
        assertThatThrownBy(() -> secret.add(Optional.empty(), CAROL, NO_BAN, NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> secret.checkRemovable(Optional.of(member(secret, BOB)), member(secret, CAROL)))
                .isInstanceOf(RuleViolation.NotPermitted.class);
    }

    @Test
    void aPublicRoomHasNoMembersToManageEvenForItsCreator() {
        assertThatThrownBy(() -> lobby.add(Optional.of(owner(lobby)), BOB, NO_BAN, NOW))
                .isInstanceOf(RuleViolation.NotPossible.class)
                .hasMessage("Public rooms are open to everyone: members join and leave themselves");
        assertThatThrownBy(() -> lobby.checkRemovable(Optional.of(owner(lobby)), member(lobby, BOB)))
                .isInstanceOf(RuleViolation.NotPossible.class);
    }

    @Test
    void theOwnerRemovesAnyMemberButThemselves() {
        secret.checkRemovable(Optional.of(owner(secret)), member(secret, BOB));

        assertThatThrownBy(() -> secret.checkRemovable(Optional.of(owner(secret)), owner(secret)))
                .isInstanceOf(RuleViolation.NotPossible.class)
                .hasMessage("The creator of a private room cannot leave it");
    }

    @Test
    void membersLeaveWhenTheyLikeExceptTheOwnerOfAPrivateRoom() {
        lobby.checkLeavable(member(lobby, BOB));
        lobby.checkLeavable(owner(lobby));
        secret.checkLeavable(member(secret, BOB));

        assertThatThrownBy(() -> secret.checkLeavable(owner(secret)))
                .isInstanceOf(RuleViolation.NotPossible.class)
                .hasMessage("The creator of a private room cannot leave it");
    }

    @Test
    void aNameMeansTheCallersOwnPrivateRoomBeforeThePublicOne() {
        Room publicBoard = new Room(new RoomId(20), new RoomName("board"), false, BOB, NOW);
        Room privateBoard = new Room(new RoomId(21), new RoomName("Board"), true, ALICE, NOW);
        Room olderPrivate = new Room(new RoomId(19), new RoomName("BOARD"), true, CAROL, NOW);

        assertThat(Room.meantBy(java.util.List.of(publicBoard, privateBoard))).contains(privateBoard);
        assertThat(Room.meantBy(java.util.List.of(privateBoard, olderPrivate, publicBoard))).contains(olderPrivate);
        assertThat(Room.meantBy(java.util.List.of(publicBoard))).contains(publicBoard);
        assertThat(Room.meantBy(java.util.List.of())).isEmpty();
    }

    @Test
    void refusalsAreAnswersWithoutStackTraces() {
        RuleViolation refusal = new RuleViolation.NotPossible("no");

        assertThat(refusal.getStackTrace()).isEmpty();
    }

    private static Membership member(Room room, UserId user) {
        return new Membership(room.id(), user, Role.MEMBER, NOW);
    }

    private static Membership owner(Room room) {
        return new Membership(room.id(), room.createdBy(), Role.OWNER, NOW);
    }
}
