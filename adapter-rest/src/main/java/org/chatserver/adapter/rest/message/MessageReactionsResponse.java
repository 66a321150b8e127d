package org.chatserver.adapter.rest.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.chatserver.adapter.wire.ReactionItem;

record MessageReactionsResponse(
        @JsonProperty("message_id") long messageId,
        List<ReactionItem> reactions,
        @JsonProperty("user_reaction") @Schema(nullable = true, example = "👍") String userReaction) {
}
