package org.chatserver.application.port.in.room;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;

public interface MarkReadUseCase {

    /** Moves the caller's read position to the room's newest message; how many unread messages that read. */
    default long markRead(AuthenticatedUser caller, RoomId room) {
        return markRead(caller, room, null);
    }

    /**
     * Moves the caller's read position forward to {@code upTo}, a message of the room (null: the
     * newest message); how many unread messages that read. Never moves it backward: a position
     * already there or further reads nothing. A message not in the room is not found.
     */
    long markRead(AuthenticatedUser caller, RoomId room, MessageId upTo);
}
