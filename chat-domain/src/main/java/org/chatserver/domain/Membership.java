package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's place in a room: since when, and in which role. The creator of a room owns it; everyone
 * else who joins or is added is a member.
 */
public record Membership(RoomId roomId, UserId userId, Role role, Instant joinedAt) {

    public Membership {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(joinedAt, "joinedAt");
    }

    /** The same place in the room in another role. */
    public Membership withRole(Role role) {
        return new Membership(roomId, userId, role, joinedAt);
    }

    public boolean isOwner() {
        return role == Role.OWNER;
    }

    /** Owners and moderators keep order in a room: delete anyone's message, pin, mute, ban. */
    public boolean canModerate() {
        return role == Role.OWNER || role == Role.MODERATOR;
    }

    /** Whose mute this member may see: anyone's when they moderate the room, as the audit log; else their own. */
    public boolean seesMuteOf(UserId member) {
        return canModerate() || userId.equals(member);
    }

    public enum Role {
        /** The creator: manages who is in a private room, and cannot leave it. */
        OWNER,
        /** Named by the owner: keeps order in the room (delete, pin, mute, ban) but does not own it. */
        MODERATOR,
        MEMBER
    }
}
