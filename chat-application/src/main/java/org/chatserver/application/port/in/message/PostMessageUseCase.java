package org.chatserver.application.port.in.message;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.ClientId;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.RoomId;

public interface PostMessageUseCase {

    /**
     * Stores the message, commits, then tells the room. A resend with the same {@code clientId}
     * stores nothing and answers the first message again.
     */
    Posted post(AuthenticatedUser caller, PostMessageCommand command);

    /**
     * @param text         may be empty when a file carries the message
     * @param declaredType null to infer it from what the message carries
     * @param file         an uploaded file the message carries, or null
     * @param clientId     the sender's own id for the message, or null
     * @param replyTo      the message of the same room it answers, or null
     * @param origin       the connection it came from, left out of the broadcast (null: nobody)
     */
    record PostMessageCommand(RoomId room, MessageText text, MessageType declaredType, AttachmentRef file,
                              ClientId clientId, MessageId replyTo, String origin) {

        public PostMessageCommand {
            if (room == null || text == null) {
                throw new IllegalArgumentException("a post needs a room and a text, if only an empty one");
            }
        }

        /** A message that answers no other. */
        public PostMessageCommand(RoomId room, MessageText text, MessageType declaredType, AttachmentRef file,
                                  ClientId clientId, String origin) {
            this(room, text, declaredType, file, clientId, null, origin);
        }
    }

    record Posted(MessageView message, boolean created) {

        public MessageId id() {
            return message.message().id();
        }
    }
}
