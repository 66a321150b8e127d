package org.chatserver.adapter.rest.room;

import io.swagger.v3.oas.annotations.media.Schema;

/** Where the caller stands in a room: {@code GET /api/rooms/{room_id}/me}. */
record StandingResponse(
        boolean member,
        @Schema(description = "owner, moderator or member; null when not a member", nullable = true) String role,
        @Schema(description = "banned from the room: it may still be read if public, not joined") boolean banned) {
}
