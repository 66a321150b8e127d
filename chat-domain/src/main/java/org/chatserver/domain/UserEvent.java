package org.chatserver.domain;

/**
 * What happens to one user across their rooms, as it travels to every node where the user has a
 * connection: their room list changed, or their own unread counts did. Unlike a {@link RoomEvent},
 * it goes to the user's own connections only, whatever rooms they watch.
 */
public sealed interface UserEvent {

    UserId user();

    RoomId room();

    /**
     * The user became a member of the room: joined it, was added to it, or a direct message was opened with them.
     *
     * @param since where the room's change log stood when the membership was committed: every change after it
     *              is the member's, and their streams carry it (a post that joined them, one made right after);
     *              null when not known (an event from a node of before it was told), such a room is carried
     *              from when a stream adds it
     */
    record RoomAdded(UserId user, RoomId room, Since since) implements UserEvent {

        /**
         * A place in a room's change log, as a membership began.
         *
         * @param lastChange the room's newest change then; null: it had none, every change is after it
         */
        public record Since(ChangeId lastChange) {

            /** The log of a room that had no change yet (a new room, a new direct message). */
            public static final Since START = new Since(null);
        }
    }

    /** The user is no longer a member of the room: left it, was removed or banned. */
    record RoomRemoved(UserId user, RoomId room) implements UserEvent {
    }

    /**
     * The user's read position in the room moved (on any device, shared or not): their counts now.
     *
     * @param latest the room's newest message when the counts were taken (null: none); messages after
     *               it are not in the counts
     */
    record ReadMoved(UserId user, RoomId room, MessageId lastRead, MessageId latest, long unreadCount,
                     long mentionCount) implements UserEvent {
    }
}
