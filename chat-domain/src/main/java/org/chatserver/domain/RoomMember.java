package org.chatserver.domain;

import java.time.Instant;

/** A member as the member list shows them: who, since when, and in which role. */
public record RoomMember(UserId userId, Username username, Instant joinedAt, Membership.Role role) {
}
