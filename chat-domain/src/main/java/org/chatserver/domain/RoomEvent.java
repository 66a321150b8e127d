package org.chatserver.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What happens in a room, as it travels from the node where it happened to every node with a
 * watcher of the room. {@code origin} names the connection that caused it (null when none), so
 * that the sender can be left out where the protocol says so.
 */
public sealed interface RoomEvent {

    RoomId roomId();

    String origin();

    /**
     * A change of a room's log: where it sits in the log (null when it comes from a node that does not
     * keep one, or is replayed without its neighbours).
     */
    sealed interface Change extends RoomEvent {

        RoomChange.Mark change();
    }

    /**
     * @param previous  the room's message before this one (null for the first): lets watchers spot gaps
     * @param reactions the message's reactions: none when just posted, those it has when replayed
     */
    record MessagePosted(Message message, MessageId previous, RoomChange.Mark change, List<ReactionSummary> reactions,
                         String origin) implements Change {

        public MessagePosted {
            reactions = reactions == null ? List.of() : List.copyOf(reactions);
        }

        public MessagePosted(Message message, MessageId previous, String origin) {
            this(message, previous, null, List.of(), origin);
        }

        @Override
        public RoomId roomId() {
            return message.roomId();
        }
    }

    record ReactionChanged(RoomId roomId, MessageId messageId, Username user, ReactionType type, boolean added,
                           List<ReactionSummary> summary, Instant at, RoomChange.Mark change, String origin)
            implements Change {

        public ReactionChanged(RoomId roomId, MessageId messageId, Username user, ReactionType type, boolean added,
                               List<ReactionSummary> summary, Instant at, String origin) {
            this(roomId, messageId, user, type, added, summary, at, null, origin);
        }
    }

    /**
     * A message's text changed: the message as it is now (with its reactions, which an edit keeps).
     */
    record MessageEdited(Message message, List<ReactionSummary> reactions, RoomChange.Mark change, String origin)
            implements Change {

        public MessageEdited {
            reactions = reactions == null ? List.of() : List.copyOf(reactions);
        }

        @Override
        public RoomId roomId() {
            return message.roomId();
        }
    }

    /** A message became a tombstone. */
    record MessageDeleted(RoomId roomId, MessageId messageId, Username by, Instant at, RoomChange.Mark change,
                          String origin) implements Change {
    }

    /** A message was pinned ({@code pinned}) or unpinned. */
    record PinChanged(RoomId roomId, MessageId messageId, Username by, boolean pinned, Instant at,
                      RoomChange.Mark change, String origin) implements Change {
    }

    record Presence(RoomId roomId, Username user, boolean joined, Instant at, String origin) implements RoomEvent {
    }

    /**
     * A member's presence changed (online, away, offline, over all nodes), told to the room for the
     * streams of those who share it ({@code /ws/user}); the room endpoint shows none.
     *
     * @param lastSeen for {@code OFFLINE}, when they were last seen; for others, when this was read (now)
     */
    record StatusChanged(RoomId roomId, Username user, PresenceStatus status, Instant lastSeen, String origin)
            implements RoomEvent {

        public UserPresence presence() {
            return new UserPresence(status, lastSeen);
        }
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
     * A member was taken out of a room (removed by its creator, left, or banned): their live views of the
     * room end at once, on every node, saying why. Never sent to clients as such.
     */
    record MemberRemoved(RoomId roomId, UserId user, boolean banned, Instant at, String origin) implements RoomEvent {
    }

    /**
     * A member's role changed, or their mute began, was replaced or ended (since 2026-12-07): the room's clients
     * follow at once (who may pin and delete, what the members list shows) rather than at their next reading of
     * the list. Not in the room's change log, so not replayed: the members list holds the state.
     *
     * @param role       the member's role now
     * @param mute       whether this tells a mute ({@code mutedUntil}; null: it ended) rather than a role change. A
     *                   mute is told only to those who see it in the members list ({@link Membership#seesMuteOf}):
     *                   the room's owner and moderators, and the muted member
     * @param mutedUntil when the member's mute ends; null when it ended, and for a role change
     */
    record MemberUpdated(RoomId roomId, UserId userId, Username username, Membership.Role role, boolean mute,
                         Instant mutedUntil, Instant at, String origin) implements RoomEvent {

        public static MemberUpdated roleChanged(RoomId roomId, UserId userId, Username username, Membership.Role role,
                                                Instant at) {
            return new MemberUpdated(roomId, userId, username, role, false, null, at, null);
        }

        public static MemberUpdated muteChanged(RoomId roomId, UserId userId, Username username, Membership.Role role,
                                                Instant mutedUntil, Instant at) {
            return new MemberUpdated(roomId, userId, username, role, true, mutedUntil, at, null);
        }

        /** Whether a reader with this membership in the room (empty: none) is told of this, see {@code mute}. */
        public boolean isToldTo(UserId reader, Optional<Membership> membership) {
            return !mute || membership.map(m -> m.seesMuteOf(userId)).orElse(userId.equals(reader));
        }
    }

    /**
     * Fan-out may have lost events of this room: the link between nodes is down, or was until a
     * moment ago. Watchers answer by delivering from the room's change log every change after the
     * last one they delivered; typing and presence events of such a gap are not recovered. A
     * cross-node fan-out sends it to the watchers on its node, and to other nodes when its own
     * events may not have reached them. Never sent to clients as such.
     *
     * @param upTo the newest change of the log the fan-out knows its watchers may have missed: a watcher
     *             that delivered it already has nothing to read. Null: whatever the log holds may be missing.
     */
    record Resync(RoomId roomId, ChangeId upTo) implements RoomEvent {

        /** Any change of the log may be missing. */
        public Resync(RoomId roomId) {
            this(roomId, null);
        }

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
