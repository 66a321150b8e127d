package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A direct message: one room per pair, exactly those two, nobody in or out. */
class DirectMessageTest {

    private static final UserId ALICE = new UserId(7);
    private static final UserId BOB = new UserId(3);
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final Room dm = new Room(new RoomId(5), Room.DIRECT_NAME, true, null, NOW, Room.Kind.DIRECT);

    @Test
    void thePairIsTheSameFromEitherSide() {
        assertThat(DirectPair.of(ALICE, BOB)).isEqualTo(DirectPair.of(BOB, ALICE));
        assertThat(DirectPair.of(ALICE, BOB).key()).isEqualTo("3-7");
        assertThat(DirectPair.of(ALICE, BOB).other(ALICE)).isEqualTo(BOB);
    }

    @Test
    void nobodyWritesToThemselves() {
        assertThatThrownBy(() -> DirectPair.of(ALICE, ALICE)).isInstanceOf(RuleViolation.NotPossible.class)
                .hasMessage(DirectPair.NOT_WITH_YOURSELF);
    }

    @Test
    void bothArePlainMembers() {
        assertThat(dm.directMembers(DirectPair.of(ALICE, BOB), NOW)).extracting(Membership::userId, Membership::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(BOB, Membership.Role.MEMBER),
                        org.assertj.core.groups.Tuple.tuple(ALICE, Membership.Role.MEMBER));
    }

    @Test
    void nobodyIsAddedRemovedOrLeaves() {
        Membership alice = new Membership(dm.id(), ALICE, Membership.Role.MEMBER, NOW);

        assertThatThrownBy(() -> dm.add(Optional.of(alice), new UserId(9), Optional.empty(), NOW))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessage(Room.DIRECT_MEMBERS_FIXED);
        assertThatThrownBy(() -> dm.checkRemovable(Optional.of(alice),
                new Membership(dm.id(), BOB, Membership.Role.MEMBER, NOW)))
                .isInstanceOf(RuleViolation.NotPermitted.class).hasMessage(Room.DIRECT_MEMBERS_FIXED);
        assertThatThrownBy(() -> dm.checkLeavable(alice))
                .isInstanceOf(RuleViolation.NotPossible.class).hasMessage(Room.DIRECT_STAYS);
        assertThatThrownBy(() -> dm.join(new UserId(9), Optional.empty(), NOW)).isInstanceOf(RuleViolation.NotPermitted.class);
    }

    @Test
    void anOrdinaryRoomIsNoDirectMessage() {
        Room room = new Room(new RoomId(1), new RoomName("General"), false, null, NOW);
        assertThat(room.isDirect()).isFalse();
        assertThat(room.kind()).isEqualTo(Room.Kind.ROOM);
    }
}
