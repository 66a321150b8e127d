package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a room's change log: what happened to which message, by whom, when. The log says only
 * that it happened; the message's state now (and its reactions now) is read with it on replay.
 *
 * @param reaction the reaction added or removed, null for other kinds
 */
public record RoomChange(ChangeId id, RoomId roomId, Kind kind, MessageId messageId, UserId actorId, Username actor,
                         ReactionType reaction, Instant at) {

    public RoomChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        if ((reaction != null) != kind.isReaction()) {
            throw new IllegalArgumentException("a reaction goes with a reaction change, and only with one");
        }
    }

    public enum Kind {
        POSTED,
        EDITED,
        DELETED,
        REACTION_ADDED,
        REACTION_REMOVED,
        PINNED,
        UNPINNED;

        public boolean isReaction() {
            return this == REACTION_ADDED || this == REACTION_REMOVED;
        }
    }

    /**
     * Where a change sits in its room's log: its own id and the id of the room's change before it
     * (null for the first), so that a watcher can tell that it missed one.
     */
    public record Mark(ChangeId id, ChangeId previous) {

        public Mark {
            Objects.requireNonNull(id, "id");
            if (previous != null && previous.compareTo(id) >= 0) {
                throw new IllegalArgumentException("the previous change must come before " + id);
            }
        }
    }
}
