package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

record SeenByItem(
        String username,
        @JsonProperty("read_at") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z", nullable = true,
                description = "when their read position last moved; null when it is older than read receipts")
        String readAt) {
}
