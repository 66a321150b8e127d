package org.chatserver.adapter.rest.file;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of {@code GET /api/upload-limits}. */
record UploadLimitsResponse(
        @JsonProperty("max_file_size") long maxFileSize,
        @JsonProperty("too_large_detail") String tooLargeDetail) {
}
