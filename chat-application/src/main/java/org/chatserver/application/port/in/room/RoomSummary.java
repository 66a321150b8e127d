package org.chatserver.application.port.in.room;

import java.util.Optional;
import org.chatserver.domain.Message;
import org.chatserver.domain.Room;

/**
 * A room in the caller's room list.
 *
 * @param mentionCount unread messages (after the caller's read position) that mention the caller
 */
public record RoomSummary(Room room, Optional<Message> lastMessage, long unreadCount, long mentionCount) {

    public RoomSummary(Room room, Optional<Message> lastMessage, long unreadCount) {
        this(room, lastMessage, unreadCount, 0);
    }
}
