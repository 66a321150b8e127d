package org.chatserver.adapter.rest.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

record UserResponse(
        long id,
        String username,
        @Schema(allowableValues = {"online", "away", "offline"}) String status,
        @JsonProperty("last_seen") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z", nullable = true)
        String lastSeen) {
}
