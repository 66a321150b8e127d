package org.chatserver.adapter.rest.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** {@code GET /api/auth/me}'s profile plus the caller's settings. */
record SettingsResponse(
        long id,
        String username,
        @JsonProperty("created_at") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String createdAt,
        @JsonProperty("share_read_receipts") boolean shareReadReceipts) {
}
