package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** A room as create and get answer it. */
record RoomResponse(
        long id,
        String name,
        @JsonProperty("created_at") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String createdAt,
        @JsonProperty("is_private") boolean isPrivate) {
}
