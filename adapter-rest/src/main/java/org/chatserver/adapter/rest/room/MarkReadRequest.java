package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** Optional body of mark-read; without it (or without {@code up_to}) everything is read. */
record MarkReadRequest(
        @JsonProperty("up_to") @Schema(description = "read up to this message of the room, included", example = "42")
        Long upTo) {
}
