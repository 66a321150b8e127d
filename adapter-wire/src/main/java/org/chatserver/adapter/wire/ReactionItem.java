package org.chatserver.adapter.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.Username;

/** One reaction on a message: who gave it, in the order they reacted. */
public record ReactionItem(
        @JsonProperty("reaction_type") @Schema(example = "👍") String reactionType,
        int count,
        List<String> users) {

    public static ReactionItem of(ReactionSummary summary) {
        return new ReactionItem(summary.type().emoji(), summary.count(),
                summary.users().stream().map(Username::value).toList());
    }

    public static List<ReactionItem> of(List<ReactionSummary> summaries) {
        return summaries.stream().map(ReactionItem::of).toList();
    }
}
