package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A chat room. Public rooms are open to every user (joining is implicit); private rooms exist
 * only for their members, and only their creator manages who those are.
 *
 * @param createdBy null for rooms the server made itself (General)
 */
public record Room(RoomId id, RoomName name, boolean isPrivate, UserId createdBy, Instant createdAt) {

    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether a user with this membership may see the room, its history and its live events. */
    public boolean isVisibleTo(boolean member) {
        return !isPrivate || member;
    }

    public boolean isManagedBy(UserId user) {
        return user.equals(createdBy);
    }
}
