package org.chatserver.adapter.rest.room;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** One entry of a room's audit log; each action fills its own detail and leaves the others null. */
record AuditItem(
        @JsonProperty("entry_id") long entryId,
        @Schema(allowableValues = {"role_changed", "muted", "unmuted", "banned", "unbanned", "member_removed",
                "message_deleted"}) String action,
        String actor,
        String target,
        @Schema(nullable = true, description = "role_changed: the new role") String role,
        @JsonProperty("muted_until") @Schema(nullable = true, format = "date-time",
                description = "muted: when the mute ends") String mutedUntil,
        @JsonProperty("message_id") @Schema(nullable = true, description = "message_deleted: the message")
        Long messageId,
        @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String timestamp) {
}
