package org.chatserver.application.port.in.room;

import java.util.Optional;
import org.chatserver.domain.Message;
import org.chatserver.domain.Room;
import org.chatserver.domain.Username;

/**
 * A room in the caller's room list.
 *
 * @param mentionCount unread messages (after the caller's read position) that mention the caller
 * @param peer         for a direct message, the other one of the two; null for other rooms
 * @param member       whether the caller is a member; false for a public room they are not in
 */
public record RoomSummary(Room room, Optional<Message> lastMessage, long unreadCount, long mentionCount,
                          Username peer, boolean member) {
}
