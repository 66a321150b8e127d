package org.chatserver.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.chatserver.domain.Membership.Role;
import org.junit.jupiter.api.Test;

class MembershipTest {

    private static Membership as(Role role) {
        return new Membership(new RoomId(1), new UserId(2), role, Instant.EPOCH);
    }

    @Test
    void ownersAndModeratorsKeepOrderButOnlyTheOwnerOwns() {
        assertThat(as(Role.OWNER).canModerate()).isTrue();
        assertThat(as(Role.MODERATOR).canModerate()).isTrue();
        assertThat(as(Role.MEMBER).canModerate()).as("a plain member may not moderate").isFalse();
        assertThat(as(Role.MODERATOR).isOwner()).as("a moderator does not own the room").isFalse();
    }

    @Test
    void moderatorsSeeEveryonesMuteAndAPlainMemberTheirOwnOnly() {
        UserId someoneElse = new UserId(3);
        assertThat(as(Role.MODERATOR).seesMuteOf(someoneElse)).isTrue();
        assertThat(as(Role.OWNER).seesMuteOf(someoneElse)).isTrue();
        assertThat(as(Role.MEMBER).seesMuteOf(someoneElse)).as("a plain member, another's mute").isFalse();
        assertThat(as(Role.MEMBER).seesMuteOf(new UserId(2))).as("a plain member, their own").isTrue();
    }
}
