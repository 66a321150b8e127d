package org.chatserver.adapter.rest.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The WebSocket {@code message} frame's body, for bots and integrations: {@code content}, the file
 * fields (or the iOS app's {@code attachment}), {@code reply_to} and {@code client_id}. The size and
 * type a client claims for a file are checked for form and ignored: the upload's record decides.
 *
 * @param clientId a string or an integer, as over the WebSocket
 */
record PostMessageRequest(
        String content,
        @JsonProperty("message_type") @Schema(example = "text") String messageType,
        @JsonProperty("file_url") @Schema(example = "/api/files/3f2a.png") String fileUrl,
        @JsonProperty("file_name") String fileName,
        @JsonProperty("file_size") Long fileSize,
        @JsonProperty("mime_type") String mimeType,
        Attachment attachment,
        @JsonProperty("reply_to") @Schema(description = "a message of the same room this one answers") Long replyTo,
        @JsonProperty("client_id") @Schema(type = "string", description = "a string or an integer") Object clientId) {

    record Attachment(String url, String filename, Long size, @JsonProperty("mime_type") String mimeType) {
    }
}
