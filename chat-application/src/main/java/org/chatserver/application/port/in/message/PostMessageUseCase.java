package org.chatserver.application.port.in.message;

import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;

public interface PostMessageUseCase {

    int MAX_CLIENT_ID_LENGTH = 64;

    /**
     * Stores the message, commits, then tells the room. A resend with the same {@code clientId}
     * stores nothing and answers the first message again.
     */
    Posted post(AuthenticatedUser caller, PostMessageCommand command);

    /**
     * Raw fields as a client sends them; the service checks them.
     *
     * @param origin the connection it came from, left out of the broadcast (null: nobody)
     */
    record PostMessageCommand(RoomId room, String content, String messageType, String fileUrl, String fileName,
                              Long fileSize, String mimeType, String clientId, String origin) {
    }

    record Posted(MessageView message, boolean created) {

        public MessageId id() {
            return message.message().id();
        }
    }
}
