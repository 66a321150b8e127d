package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.chatserver.domain.Membership.Role;
import org.chatserver.domain.RoomEvent.MemberUpdated;
import org.junit.jupiter.api.Test;

class MemberUpdatedTest {

    private static final RoomId ROOM = new RoomId(1);
    private static final UserId BOB = new UserId(2);
    private static final UserId CAROL = new UserId(3);
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static Optional<Membership> carolAs(Role role) {
        return Optional.of(new Membership(ROOM, CAROL, role, Instant.EPOCH));
    }

    @Test
    void aRoleChangeIsToldToEveryoneAsTheMembersListShowsEveryonesRole() {
        MemberUpdated promoted = MemberUpdated.roleChanged(ROOM, BOB, new Username("bob"), Role.MODERATOR, NOW);

        assertThat(promoted.isToldTo(CAROL, carolAs(Role.MEMBER))).isTrue();
        assertThat(promoted.isToldTo(CAROL, Optional.empty())).as("a public room's reader").isTrue();
    }

    @Test
    void aMuteIsToldToThoseWhoSeeItInTheMembersListOnly() {
        MemberUpdated muted = MemberUpdated.muteChanged(ROOM, BOB, new Username("bob"), Role.MEMBER,
                NOW.plusSeconds(600), NOW);

        assertThat(muted.isToldTo(CAROL, carolAs(Role.MODERATOR))).isTrue();
        assertThat(muted.isToldTo(CAROL, carolAs(Role.OWNER))).isTrue();
        assertThat(muted.isToldTo(BOB, Optional.of(new Membership(ROOM, BOB, Role.MEMBER, Instant.EPOCH))))
                .as("the muted member").isTrue();
        assertThat(muted.isToldTo(CAROL, carolAs(Role.MEMBER))).as("another plain member").isFalse();
        assertThat(muted.isToldTo(CAROL, Optional.empty())).as("someone not in the room").isFalse();
    }
}
