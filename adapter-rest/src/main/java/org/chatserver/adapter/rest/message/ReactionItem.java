package org.chatserver.adapter.rest.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One reaction on a message: who gave it, in the order they reacted. */
record ReactionItem(
        @JsonProperty("reaction_type") @Schema(example = "👍") String reactionType,
        int count,
        List<String> users) {
}
