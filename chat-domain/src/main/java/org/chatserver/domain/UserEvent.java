package org.chatserver.domain;

/**
 * What happens to one user across their rooms, as it travels to every node where the user has a
 * connection: their room list changed, or their own unread counts did. Unlike a {@link RoomEvent},
 * it goes to the user's own connections only, whatever rooms they watch.
 */
public sealed interface UserEvent {

    UserId user();

    RoomId room();

    /** The user became a member of the room: joined it, was added to it, or a direct message was opened with them. */
    record RoomAdded(UserId user, RoomId room) implements UserEvent {
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
