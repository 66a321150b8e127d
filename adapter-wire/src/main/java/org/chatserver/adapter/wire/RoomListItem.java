package org.chatserver.adapter.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.chatserver.application.port.in.room.RoomSummary;

/**
 * A room in the room list, with what the app shows under its name: {@code GET /api/rooms} lists
 * these, and the WebSocket's {@code /ws/user} sends them in {@code connected} and {@code room_added}.
 */
public record RoomListItem(
        long id,
        String name,
        @JsonProperty("created_at") @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String createdAt,
        @JsonProperty("last_message") @Schema(nullable = true) LastMessage lastMessage,
        @JsonProperty("unread_count") long unreadCount,
        @JsonProperty("is_private") boolean isPrivate,
        @JsonProperty("mention_count") @Schema(description = "unread messages (after the caller's read position) "
                + "that mention the caller, by name or by @room; 0 in a room they are not a member of")
        long mentionCount,
        @Schema(allowableValues = {"room", "dm"}, description = "`dm`: a direct message of the caller and `peer`")
        String kind,
        @Schema(nullable = true, description = "for a direct message, the other person's username; null for a room")
        String peer,
        @JsonProperty("is_member") @Schema(description = "whether the caller is a member; false for a public room "
                + "they are not in (`GET /api/rooms` lists those too)")
        boolean isMember) {

    public static RoomListItem of(RoomSummary summary) {
        return new RoomListItem(summary.room().id().value(), summary.room().name().value(),
                WireTime.format(summary.room().createdAt()), summary.lastMessage().map(LastMessage::of).orElse(null),
                summary.unreadCount(), summary.room().isPrivate(), summary.mentionCount(),
                summary.room().isDirect() ? "dm" : "room", summary.peer() == null ? null : summary.peer().value(),
                summary.member());
    }
}
