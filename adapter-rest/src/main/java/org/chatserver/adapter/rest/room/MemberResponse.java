package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

record MemberResponse(
        @JsonProperty("user_id") long userId,
        String username,
        @JsonProperty("joined_at") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String joinedAt,
        @Schema(allowableValues = {"owner", "moderator", "member"}) String role,
        @JsonProperty("last_read_message_id") @Schema(nullable = true,
                description = "how far they have read; null when they have not, or do not share read receipts")
        Long lastReadMessageId,
        @JsonProperty("read_at") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z", nullable = true,
                description = "when their read position last moved; null as last_read_message_id, or when it is "
                        + "older than read receipts")
        String readAt,
        @Schema(allowableValues = {"online", "away", "offline"}, nullable = true,
                description = "null for a member who shares no room with the caller (a public room's list read by "
                        + "someone not in it)") String status,
        @JsonProperty("last_seen") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z", nullable = true,
                description = "now for someone connected; when their last connection ended for someone offline; "
                        + "null when never seen, and as status")
        String lastSeen,
        @JsonProperty("muted_until") @Schema(format = "date-time", example = "2025-10-04T18:52:41Z", nullable = true,
                description = "when their mute in the room ends; null when they are not muted, and for callers who "
                        + "are not told: only the room's owner and moderators, and the muted member, are")
        String mutedUntil) {
}
