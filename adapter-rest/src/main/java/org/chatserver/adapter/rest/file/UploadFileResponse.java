package org.chatserver.adapter.rest.file;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code POST /api/upload-file}. The app needs the first five keys non-null; the last two
 * are ours.
 *
 * @param previewUrl a small JPEG of an image, itself a stored file; null for anything else
 */
record UploadFileResponse(
        @JsonProperty("file_url") String fileUrl,
        @JsonProperty("filename") String filename,
        @JsonProperty("file_size") long fileSize,
        @JsonProperty("mime_type") String mimeType,
        @JsonProperty("message") String message,
        @JsonProperty("original_filename") String originalFilename,
        @JsonProperty("preview_url") String previewUrl) {
}
