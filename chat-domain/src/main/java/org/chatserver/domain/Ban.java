package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A user kept out of a room by its owner or a moderator: they cannot join it (a public room) or be
 * added to it (a private room), nor edit or react to its messages, until the ban is lifted.
 */
public record Ban(RoomId roomId, UserId userId, UserId bannedBy, Instant at) {

    public Ban {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(bannedBy, "bannedBy");
        Objects.requireNonNull(at, "at");
    }

    /** Refuses a change the banned user would make to the room's messages (an edit, a reaction): they only read. */
    public void refuseChange() {
        throw new RuleViolation.NotPermitted(Room.BANNED);
    }
}
