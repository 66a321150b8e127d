package org.chatserver.adapter.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.chatserver.domain.Message;

/** The newest message of a room; {@code message} is "" for a file-only message, never null. */
public record LastMessage(
        @JsonProperty("message_id") long messageId,
        String sender,
        String message,
        @JsonProperty("message_type") @Schema(example = "text") String messageType,
        @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String timestamp) {

    public static LastMessage of(Message message) {
        return new LastMessage(message.id().value(), message.sender().value(), message.content().text().value(),
                WireValues.messageType(message.content().type()), WireTime.format(message.createdAt()));
    }
}
