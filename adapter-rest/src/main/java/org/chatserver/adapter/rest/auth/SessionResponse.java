package org.chatserver.adapter.rest.auth;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** One of the caller's sessions in the list of their devices. */
record SessionResponse(
        @Schema(description = "the session's id, for `DELETE /api/auth/sessions/{session_id}`") long id,
        @Schema(description = "what the client said it was when the session began, in short; `Unknown device` when "
                + "it said nothing usable", example = "Chrome on Linux") String device,
        @JsonProperty("created_at") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String createdAt,
        @JsonProperty("last_used_at") @Schema(format = "date-time", description = "its last refresh (access tokens "
                + "live 15 minutes), else when it began", example = "2025-10-04T19:02:13Z") String lastUsedAt,
        @Schema(description = "the session of the access token that asked") boolean current) {

    static final String UNKNOWN_DEVICE = "Unknown device";
}
