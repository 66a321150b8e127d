package org.chatserver.application.port.in.room;

import java.util.Optional;
import org.chatserver.domain.Message;
import org.chatserver.domain.Room;

/** A room in the caller's room list. */
public record RoomSummary(Room room, Optional<Message> lastMessage, long unreadCount) {
}
