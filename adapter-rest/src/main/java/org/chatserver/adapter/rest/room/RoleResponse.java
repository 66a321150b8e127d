package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** A member after a role change: who, since when, and the new role. */
record RoleResponse(
        @JsonProperty("user_id") long userId,
        String username,
        @JsonProperty("joined_at") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String joinedAt,
        @Schema(allowableValues = {"moderator", "member"}) String role) {
}
