package org.chatserver.application.port.in.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageVersion;
import org.chatserver.domain.RoomId;

/** A message's author changes its text; the room hears of it. Earlier texts stay readable. */
public interface EditMessageUseCase {

    /** Stores the new text, commits, then tells the whole room; the message as the caller sees it now. */
    MessageView edit(AuthenticatedUser caller, EditMessageCommand command);

    /** The message's earlier texts, oldest first; none for a deleted message. */
    List<MessageVersion> versions(AuthenticatedUser caller, RoomId room, MessageId message);

    /** @param origin the connection it came from (null: none) */
    record EditMessageCommand(RoomId room, MessageId message, MessageText text, String origin) {

        public EditMessageCommand {
            if (room == null || message == null || text == null) {
                throw new IllegalArgumentException("an edit needs a room, a message and a text");
            }
        }
    }
}
