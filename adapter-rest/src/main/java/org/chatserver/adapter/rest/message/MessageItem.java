package org.chatserver.adapter.rest.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A message as history and the WebSocket broadcast send it. {@code message} is "" for a
 * file-only message, never null: the app fails on a null. The file keys are null without a file.
 */
record MessageItem(
        @JsonProperty("message_id") long messageId,
        @JsonProperty("room_id") long roomId,
        String sender,
        String message,
        @JsonProperty("message_type") @Schema(example = "text_with_image") String messageType,
        @JsonProperty("file_url") @Schema(nullable = true, example = "/api/files/3f2a.png") String fileUrl,
        @JsonProperty("file_name") @Schema(nullable = true) String fileName,
        @JsonProperty("file_size") @Schema(nullable = true) Long fileSize,
        @JsonProperty("mime_type") @Schema(nullable = true) String mimeType,
        @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String timestamp,
        List<ReactionItem> reactions,
        @JsonProperty("user_reaction") @Schema(nullable = true, example = "👍") String userReaction) {
}
