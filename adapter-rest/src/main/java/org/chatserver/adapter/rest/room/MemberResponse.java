package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

record MemberResponse(
        @JsonProperty("user_id") long userId,
        String username,
        @JsonProperty("joined_at") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String joinedAt,
        @Schema(allowableValues = {"owner", "moderator", "member"}) String role) {
}
