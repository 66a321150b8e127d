package org.chatserver.application.port.in.room;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.RoomId;

public interface MarkReadUseCase {

    /** Moves the caller's read position to the room's newest message; how many unread messages that read. */
    long markRead(AuthenticatedUser caller, RoomId room);
}
