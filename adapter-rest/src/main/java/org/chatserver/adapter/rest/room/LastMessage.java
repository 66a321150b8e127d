package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** The newest message of a room; {@code message} is "" for a file-only message, never null. */
record LastMessage(
        @JsonProperty("message_id") long messageId,
        String sender,
        String message,
        @JsonProperty("message_type") @Schema(example = "text") String messageType,
        @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String timestamp) {
}
