package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored message.
 *
 * @param clientId the sender's own id for the message, if it sent one: a resend with the same one
 *                 is the same message
 */
public record Message(MessageId id, RoomId roomId, UserId senderId, Username sender, MessageDraft content,
                      String clientId, Instant createdAt) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
