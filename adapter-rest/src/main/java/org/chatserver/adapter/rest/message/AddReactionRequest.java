package org.chatserver.adapter.rest.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

record AddReactionRequest(
        @JsonProperty("message_id") @NotNull(message = "message_id is required") Long messageId,
        @JsonProperty("reaction_type") @NotNull(message = "reaction_type is required")
        @Schema(example = "👍") String reactionType) {
}
