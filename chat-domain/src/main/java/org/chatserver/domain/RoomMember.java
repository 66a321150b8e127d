package org.chatserver.domain;

import java.time.Instant;

public record RoomMember(UserId userId, Username username, Instant joinedAt) {
}
