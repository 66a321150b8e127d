package org.chatserver.application.port.in.message;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;

/**
 * A message's author, or the room's owner or a moderator, deletes it: it stays in the history as a
 * tombstone, its file is removed once no message carries it, and the room hears of it.
 */
public interface DeleteMessageUseCase {

    /** The tombstone. */
    MessageView delete(AuthenticatedUser caller, DeleteMessageCommand command);

    /** @param origin the connection it came from (null: none) */
    record DeleteMessageCommand(RoomId room, MessageId message, String origin) {

        public DeleteMessageCommand {
            if (room == null || message == null) {
                throw new IllegalArgumentException("a deletion needs a room and a message");
            }
        }
    }
}
