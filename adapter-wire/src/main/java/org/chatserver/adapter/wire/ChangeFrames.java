package org.chatserver.adapter.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;

/**
 * The frames of a room's changes, as the WebSocket sends them live and {@code GET
 * /api/rooms/{room_id}/changes} replays them: one shape each, in one place. Each ends with the
 * {@code cursor} of the change (left out when the change came from a node that keeps no change log),
 * from which a client may resume. The {@code message} and reaction frames are what they always were,
 * with the cursor added at the end.
 */
public final class ChangeFrames {

    private ChangeFrames() {
    }

    /** The frame of a change; not for the connection that posted a message, which gets an ack. */
    public static Record of(RoomEvent.Change event) {
        String cursor = cursor(event.change());
        return switch (event) {
            case RoomEvent.MessagePosted posted -> new MessageFrame("message",
                    MessageItem.of(new MessageView(posted.message(), posted.reactions(), null)), cursor);
            case RoomEvent.MessageEdited edited -> new MessageFrame("message_edited",
                    MessageItem.of(new MessageView(edited.message(), edited.reactions(), null)), cursor);
            case RoomEvent.MessageDeleted deleted -> new MessageDeletedFrame("message_deleted",
                    deleted.messageId().value(), deleted.roomId().value(), deleted.by().value(),
                    WireTime.format(deleted.at()), cursor);
            case RoomEvent.PinChanged pin -> new PinFrame(pin.pinned() ? "message_pinned" : "message_unpinned",
                    pin.messageId().value(), pin.roomId().value(), pin.by().value(), WireTime.format(pin.at()), cursor);
            case RoomEvent.ReactionChanged reaction -> new ReactionFrame(
                    reaction.added() ? "reaction_added" : "reaction_removed", reaction.roomId().value(),
                    reaction.messageId().value(), reaction.user().value(), reaction.type().emoji(),
                    ReactionItem.of(reaction.summary()), WireTime.format(reaction.at()), cursor);
        };
    }

    private static String cursor(RoomChange.Mark mark) {
        return mark == null ? null : Cursors.of(mark.id());
    }

    /** {@code message} and {@code message_edited}: the message item REST sends too, after its {@code type}. */
    public record MessageFrame(String type, @JsonUnwrapped MessageItem item,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String cursor) {
    }

    /** @param deletedBy who deleted it: its author, or the room's owner or a moderator */
    public record MessageDeletedFrame(String type, @JsonProperty("message_id") long messageId,
                                      @JsonProperty("room_id") long roomId,
                                      @JsonProperty("deleted_by") String deletedBy,
                                      @Schema(format = "date-time") String timestamp,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) String cursor) {
    }

    public record PinFrame(String type, @JsonProperty("message_id") long messageId, @JsonProperty("room_id") long roomId,
                           @JsonProperty("pinned_by") String pinnedBy, @Schema(format = "date-time") String timestamp,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String cursor) {
    }

    public record ReactionFrame(String type, @JsonProperty("room_id") long roomId,
                                @JsonProperty("message_id") long messageId, String sender,
                                @JsonProperty("reaction_type") String reactionType,
                                @JsonProperty("reaction_summary") List<ReactionItem> reactionSummary,
                                String timestamp,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String cursor) {
    }
}
