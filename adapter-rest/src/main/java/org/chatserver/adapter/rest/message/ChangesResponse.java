package org.chatserver.adapter.rest.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A page of a room's change log: each change exactly as its WebSocket frame (adapter-wire's
 * {@code ChangeFrames}), the cursor to ask for the next page with, and whether there is one.
 */
record ChangesResponse(@Schema(description = "frames: message, message_edited, message_deleted, reaction_added, "
                               + "reaction_removed, message_pinned, message_unpinned") List<Record> changes,
                       @Schema(nullable = true, description = "opaque; null when the room has no change yet") String cursor,
                       @JsonProperty("has_more") boolean hasMore) {
}
