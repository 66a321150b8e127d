package org.chatserver.adapter.rest.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** A user; {@code status} and {@code last_seen} null when the caller may not see their presence. */
record UserResponse(
        long id,
        String username,
        @Schema(allowableValues = {"online", "away", "offline"}, nullable = true) String status,
        @JsonProperty("last_seen") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z", nullable = true)
        String lastSeen) {
}
