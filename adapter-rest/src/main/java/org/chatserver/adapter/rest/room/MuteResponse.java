package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

record MuteResponse(
        String username,
        @JsonProperty("muted_until") @Schema(format = "date-time", example = "2025-10-04T18:52:41Z")
        String mutedUntil) {
}
