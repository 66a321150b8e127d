package org.chatserver.adapter.rest.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

record ProfileResponse(
        long id,
        String username,
        @JsonProperty("created_at") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String createdAt) {
}
