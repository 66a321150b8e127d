package org.chatserver.adapter.rest.file;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of {@code POST /api/upload-image}. */
record UploadImageResponse(
        @JsonProperty("image_url") String imageUrl,
        @JsonProperty("filename") String filename,
        @JsonProperty("message") String message,
        @JsonProperty("preview_url") String previewUrl) {
}
