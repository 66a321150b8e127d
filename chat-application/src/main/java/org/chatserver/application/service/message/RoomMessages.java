package org.chatserver.application.service.message;

import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;

/**
 * Loads a message of a room the caller can see, with the caller's membership, so that the message
 * can decide what the caller may do to it. A message of another room, or of a room the caller may
 * not see, is not found, exactly like a missing one.
 */
final class RoomMessages {

    static final String MESSAGE_NOT_FOUND = "Message not found";

    private final MessageRepository messages;
    private final RoomAccess access;

    RoomMessages(MessageRepository messages, RoomAccess access) {
        this.messages = messages;
        this.access = access;
    }

    /** A message of the room, the room, and the caller's membership of it. */
    record Found(Message message, Room room, Optional<Membership> membership) {
    }

    Found find(AuthenticatedUser caller, RoomId room, MessageId id) {
        RoomAccess.Visit visit = access.visit(caller, room);
        Message message = messages.findById(id)
                .filter(m -> m.roomId().equals(visit.room().id()))
                .orElseThrow(() -> new NotFoundException(MESSAGE_NOT_FOUND));
        return new Found(message, visit.room(), visit.membership());
    }
}
