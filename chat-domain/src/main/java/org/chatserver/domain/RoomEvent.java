package org.chatserver.domain;

import java.time.Instant;
import java.util.List;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * What happens in a room, as it travels from the node where it happened to every node with a
 * watcher of the room. {@code origin} names the connection that caused it (null when none), so
 * that the sender can be left out where the protocol says so.
 */
public sealed interface RoomEvent {

    RoomId roomId();

    String origin();

    /** @param previous the room's message before this one (null for the first): lets watchers spot gaps */
    record MessagePosted(Message message, MessageId previous, String origin) implements RoomEvent {

        @Override
        public RoomId roomId() {
            return message.roomId();
        }
    }

    record ReactionChanged(RoomId roomId, MessageId messageId, Username user, ReactionType type, boolean added,
                           List<ReactionSummary> summary, Instant at, String origin) implements RoomEvent {
    }

    record Presence(RoomId roomId, Username user, boolean joined, Instant at, String origin) implements RoomEvent {
    }

    record Typing(RoomId roomId, Username user, TypingKind kind, Instant at, String origin) implements RoomEvent {
    }

    /**
     * A member's read position in the room moved forward to {@code lastRead}: who has seen what.
     * Published only for members who share their read receipts, and coalesced to at most one per
     * member and room per second, carrying the newest position.
     */
    record ReadMoved(RoomId roomId, Username user, MessageId lastRead, Instant at, String origin) implements RoomEvent {
    }

    /**
     * A member was taken out of a room (removed by its creator, or left): their live views of the
     * room end at once, on every node. Never sent to clients as such.
     */
    record MemberRemoved(RoomId roomId, UserId user, Instant at, String origin) implements RoomEvent {
    }

    /**
     * Fan-out may have lost events of this room: the link between nodes is down, or was until a
     * moment ago. Watchers answer by delivering from the store the messages after the last one
     * they delivered; typing, presence and reaction events of such a gap are not recovered. A
     * cross-node fan-out sends it to the watchers on its node, and to other nodes when its own
     * events may not have reached them. Never sent to clients as such.
     */
    record Resync(RoomId roomId) implements RoomEvent {

        @Override
        public String origin() {
            return null;
        }
    }

    enum TypingKind {
        /** the original protocol's one-shot "is typing" */
        TYPING,
        TYPING_START,
        TYPING_STOP
    }
}
