package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.chatserver.domain.Membership.Role;
import org.chatserver.domain.ModerationAction.Kind;
import org.junit.jupiter.api.Test;

/** Roles, mutes and bans: who may moderate whom, one rule per test. */
class RoomModerationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final UserId ALICE = new UserId(1);
    private static final UserId BOB = new UserId(2);
    private static final UserId CAROL = new UserId(3);
    private static final UserId DAVE = new UserId(4);

    private final Room lobby = new Room(new RoomId(10), new RoomName("lobby"), false, ALICE, NOW);
    private final Room secret = new Room(new RoomId(11), new RoomName("secret"), true, ALICE, NOW);
    private final Room general = new Room(new RoomId(12), new RoomName("General"), false, null, NOW);

    @Test
    void theOwnerMakesMembersModeratorsAndBackAgain() {
        Membership promoted = lobby.changeRole(owner(lobby), member(lobby, BOB, Role.MEMBER), Role.MODERATOR);
        Membership demoted = lobby.changeRole(owner(lobby), promoted, Role.MEMBER);

        assertThat(promoted).isEqualTo(new Membership(lobby.id(), BOB, Role.MODERATOR, NOW));
        assertThat(demoted.role()).isEqualTo(Role.MEMBER);
    }

    @Test
    void nobodyButTheOwnerChangesRoles() {
        assertThatThrownBy(() -> lobby.changeRole(in(lobby, BOB, Role.MODERATOR), member(lobby, CAROL, Role.MEMBER),
                Role.MODERATOR))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Only the owner of the room can change roles");
        assertThatThrownBy(() -> lobby.checkRolesManagedBy(Optional.empty()))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> general.checkRolesManagedBy(in(general, BOB, Role.MEMBER)))
                .as("a room the server made has no owner, so no roles to give")
                .isInstanceOf(RuleViolation.NotPermitted.class);
    }

    @Test
    void theOwnersRoleStaysAndThereIsOneOwner() {
        assertThatThrownBy(() -> lobby.changeRole(owner(lobby), owner(lobby).orElseThrow(), Role.MEMBER))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("The owner's role cannot be changed");
        assertThatThrownBy(() -> lobby.changeRole(owner(lobby), member(lobby, BOB, Role.MEMBER), Role.OWNER))
                .isInstanceOf(RuleViolation.NotPossible.class)
                .hasMessage("A room has one owner, its creator");
    }

    @Test
    void ownersAndModeratorsMuteMembersForABoundedTime() {
        Mute byOwner = lobby.mute(owner(lobby), member(lobby, BOB, Role.MEMBER), 10, NOW);
        Mute byModerator = lobby.mute(in(lobby, CAROL, Role.MODERATOR), member(lobby, BOB, Role.MEMBER), 1, NOW);

        assertThat(byOwner).isEqualTo(new Mute(lobby.id(), BOB, NOW.plus(Duration.ofMinutes(10)), ALICE, NOW));
        assertThat(byModerator.mutedBy()).isEqualTo(CAROL);
        assertThatThrownBy(() -> lobby.mute(owner(lobby), member(lobby, BOB, Role.MEMBER), 0, NOW))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("mute length must be between 1 and 43200 minutes");
        assertThatThrownBy(() -> lobby.mute(owner(lobby), member(lobby, BOB, Role.MEMBER), Mute.MAX_MINUTES + 1, NOW))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aMutedMemberMayNotPostUntilTheMuteEnds() {
        Mute mute = lobby.mute(owner(lobby), member(lobby, BOB, Role.MEMBER), 5, NOW);

        assertThatThrownBy(() -> mute.checkMayPost(NOW.plusSeconds(299)))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("You are muted in this room until 2026-11-25T10:05:00Z");
        mute.checkMayPost(NOW.plusSeconds(300));
        assertThat(mute.isActiveAt(NOW.plusSeconds(300))).isFalse();
    }

    @Test
    void plainMembersModerateNobody() {
        assertThatThrownBy(() -> lobby.mute(in(lobby, BOB, Role.MEMBER), member(lobby, CAROL, Role.MEMBER), 5, NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Only the owner and moderators of the room can do this");
        assertThatThrownBy(() -> lobby.ban(Optional.empty(), CAROL, Optional.empty(), NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class);
    }

    @Test
    void nobodyModeratesTheOwnerMemberOrNot() {
        assertThatThrownBy(() -> lobby.mute(in(lobby, BOB, Role.MODERATOR), owner(lobby).orElseThrow(), 5, NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Nobody can moderate the owner of the room");
        assertThatThrownBy(() -> lobby.ban(in(lobby, BOB, Role.MODERATOR), ALICE, Optional.empty(), NOW))
                .as("the creator of a public room who left it is still its owner")
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("Nobody can moderate the owner of the room");
        assertThatThrownBy(() -> lobby.ban(owner(lobby), ALICE, owner(lobby), NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class);
    }

    @Test
    void aModeratorDoesNotModerateAnotherModeratorButTheOwnerDoes() {
        Optional<Membership> bob = in(lobby, BOB, Role.MODERATOR);
        Membership carol = in(lobby, CAROL, Role.MODERATOR).orElseThrow();

        assertThatThrownBy(() -> lobby.mute(bob, carol, 5, NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("A moderator cannot moderate another moderator");
        assertThatThrownBy(() -> lobby.ban(bob, CAROL, Optional.of(carol), NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThat(lobby.ban(owner(lobby), CAROL, Optional.of(carol), NOW))
                .isEqualTo(new Ban(lobby.id(), CAROL, ALICE, NOW));
    }

    @Test
    void aBannedUserNeitherJoinsNorIsAdded() {
        Ban ofLobby = lobby.ban(in(lobby, BOB, Role.MODERATOR), DAVE, Optional.empty(), NOW);
        Ban ofSecret = secret.ban(owner(secret), DAVE, Optional.empty(), NOW);

        assertThatThrownBy(() -> lobby.join(DAVE, Optional.of(ofLobby), NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class)
                .hasMessage("You are banned from this room");
        assertThatThrownBy(() -> secret.add(owner(secret), DAVE, Optional.of(ofSecret), NOW))
                .isInstanceOf(RuleViolation.NotPossible.class)
                .hasMessage("This user is banned from the room: lift the ban first");
        assertThatThrownBy(() -> secret.join(DAVE, Optional.of(ofLobby), NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> lobby.join(DAVE, Optional.of(ofSecret), NOW))
                .as("a ban of another room proves nothing here")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownersAndModeratorsRemoveMembersOfPrivateRooms() {
        secret.checkRemovable(in(secret, BOB, Role.MODERATOR), in(secret, CAROL, Role.MEMBER).orElseThrow());
        secret.checkRemovable(owner(secret), in(secret, BOB, Role.MODERATOR).orElseThrow());
        secret.checkRemovable(in(secret, BOB, Role.MODERATOR), in(secret, BOB, Role.MODERATOR).orElseThrow());

        assertThatThrownBy(() -> secret.checkRemovable(in(secret, BOB, Role.MODERATOR),
                in(secret, CAROL, Role.MODERATOR).orElseThrow()))
                .hasMessage("A moderator cannot moderate another moderator");
        assertThatThrownBy(() -> secret.checkRemovable(in(secret, BOB, Role.MODERATOR), owner(secret).orElseThrow()))
                .hasMessage("Nobody can moderate the owner of the room");
        assertThatThrownBy(() -> secret.checkMembersRemovableBy(in(secret, BOB, Role.MEMBER)))
                .isInstanceOf(RuleViolation.NotPermitted.class);
        assertThatThrownBy(() -> lobby.checkMembersRemovableBy(owner(lobby)))
                .isInstanceOf(RuleViolation.NotPossible.class);
    }

    @Test
    void theAuditLogRecordsEachActionWithItsOwnDetail() {
        Mute mute = lobby.mute(owner(lobby), member(lobby, BOB, Role.MEMBER), 5, NOW);
        Message bobs = new Message(new MessageId(7), lobby.id(), BOB, new Username("bob"),
                MessageDraft.of(new MessageText("hi"), null, null, null), null, NOW);

        assertThat(ModerationAction.muted(mute).mutedUntil()).isEqualTo(mute.until());
        assertThat(ModerationAction.roleChanged(owner(lobby).orElseThrow(),
                new Membership(lobby.id(), BOB, Role.MODERATOR, NOW), NOW).role()).isEqualTo(Role.MODERATOR);
        assertThat(ModerationAction.messageDeleted(in(lobby, CAROL, Role.MODERATOR).orElseThrow(), bobs, NOW))
                .hasValueSatisfying(a -> {
                    assertThat(a.kind()).isEqualTo(Kind.MESSAGE_DELETED);
                    assertThat(a.target()).isEqualTo(BOB);
                    assertThat(a.message()).isEqualTo(bobs.id());
                });
        assertThat(ModerationAction.messageDeleted(in(lobby, BOB, Role.MEMBER).orElseThrow(), bobs, NOW))
                .as("an author deleting their own message is not moderation").isEmpty();
        assertThatThrownBy(() -> new ModerationAction(lobby.id(), ALICE, Kind.BANNED, BOB, Role.MEMBER, null, null,
                NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Optional<Membership> in(Room room, UserId user, Role role) {
        return Optional.of(new Membership(room.id(), user, role, NOW));
    }

    private static Membership member(Room room, UserId user, Role role) {
        return new Membership(room.id(), user, role, NOW);
    }

    private static Optional<Membership> owner(Room room) {
        return in(room, room.createdBy(), Role.OWNER);
    }
}
