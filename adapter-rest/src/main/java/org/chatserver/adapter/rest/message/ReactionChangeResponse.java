package org.chatserver.adapter.rest.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.chatserver.adapter.wire.ReactionItem;

/** Answer of add and remove: the message's reactions after the change. */
record ReactionChangeResponse(String message, @JsonProperty("reaction_summary") List<ReactionItem> reactionSummary) {
}
