package org.chatserver.adapter.websocket;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.chatserver.application.port.out.RoomEvent;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.Room;
import org.chatserver.domain.Username;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Server-to-client frames, exactly as the clients decode them. Each frame is a record whose
 * components become the snake_case keys in declaration order; a key the contract wants null is a
 * null component, never a missing one.
 */
final class OutboundFrames {

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    private OutboundFrames() {
    }

    static String connected(Room room, Instant now) {
        return write(new Connected("connected", room.id().value(), room.name().value(),
                "Connected to " + room.name().value(), WireTime.format(now)));
    }

    static String presence(RoomEvent.Presence event) {
        String name = event.user().value();
        return event.joined()
                ? notice("user_joined", event, name + " joined the chat")
                : notice("user_left", event, name + " left the chat");
    }

    static String typing(RoomEvent.Typing event) {
        String type = switch (event.kind()) {
            case TYPING -> "typing";
            case TYPING_START -> "typing_start";
            case TYPING_STOP -> "typing_stop";
        };
        return write(new Notice(type, event.roomId().value(), event.user().value(),
                event.user().value() + " is typing...", WireTime.format(event.at())));
    }

    private static String notice(String type, RoomEvent.Presence event, String text) {
        return write(new Notice(type, event.roomId().value(), event.user().value(), text, WireTime.format(event.at())));
    }

    static String message(Message message) {
        Attachment file = message.content().attachment();
        return write(new MessageItem("message", message.id().value(), message.roomId().value(),
                message.sender().value(), message.content().text().value(), message.content().type().wireName(),
                file == null ? null : file.url(), file == null ? null : file.displayName(),
                file == null ? null : file.size(), file == null ? null : file.mimeType(),
                WireTime.format(message.createdAt()), List.of(), null));
    }

    static String ack(Message message, String clientId) {
        return write(new Ack("ack", message.id().value(), clientId, message.roomId().value(),
                WireTime.format(message.createdAt())));
    }

    static String reaction(RoomEvent.ReactionChanged event) {
        return write(new ReactionFrame(event.added() ? "reaction_added" : "reaction_removed",
                event.roomId().value(), event.messageId().value(), event.user().value(), event.type().emoji(),
                event.summary().stream().map(OutboundFrames::summary).toList(), WireTime.format(event.at())));
    }

    static String historyTruncated(Room room, MessageId resumeAfter, MessageId liveFrom) {
        return write(new HistoryTruncated("history_truncated", room.id().value(), resumeAfter.value(),
                liveFrom.value(), "More messages were missed than are replayed: fetch those after message "
                + resumeAfter.value() + " with GET /api/messages/" + room.id().value() + "?after="
                + resumeAfter.value() + "; live messages continue after " + liveFrom.value()));
    }

    static String error(String message) {
        return write(new ErrorFrame("error", message));
    }

    /** The REST error shape, for a refused handshake (an HTTP answer, not a frame). */
    static String detail(String detail) {
        return write(new Detail(detail));
    }

    private static ReactionItem summary(ReactionSummary summary) {
        return new ReactionItem(summary.type().emoji(), summary.count(),
                summary.users().stream().map(Username::value).toList());
    }

    private static String write(Record frame) {
        return JSON.writeValueAsString(frame);
    }

    record Connected(String type, long roomId, String roomName, String message, String timestamp) {
    }

    /** user_joined, user_left, typing, typing_start, typing_stop */
    record Notice(String type, long roomId, String sender, String message, String timestamp) {
    }

    record MessageItem(String type, long messageId, long roomId, String sender, String message, String messageType,
                       String fileUrl, String fileName, Long fileSize, String mimeType, String timestamp,
                       List<ReactionItem> reactions, String userReaction) {
    }

    record Ack(String type, long messageId, @JsonInclude(JsonInclude.Include.NON_NULL) String clientId, long roomId,
               String timestamp) {
    }

    record ReactionFrame(String type, long roomId, long messageId, String sender, String reactionType,
                         List<ReactionItem> reactionSummary, String timestamp) {
    }

    record ReactionItem(String reactionType, int count, List<String> users) {
    }

    record HistoryTruncated(String type, long roomId, long resumeAfter, long liveFrom, String message) {
    }

    record ErrorFrame(String type, String message) {
    }

    record Detail(String detail) {
    }
}
