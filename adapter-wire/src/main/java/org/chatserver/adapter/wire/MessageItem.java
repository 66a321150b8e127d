package org.chatserver.adapter.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageReference;
import org.chatserver.domain.Username;

/**
 * A message as history pages, reaction look-ups and the WebSocket broadcast all send it. Every
 * key is always there: {@code message} is "" for a file-only message, never null (the app fails
 * on a null); the file keys are null without a file. The keys after {@code user_reaction} came with
 * edits, deletions and replies; old clients ignore them. A deleted message is a tombstone:
 * {@code deleted} true, {@code message} "", no file, no reactions, no mentions. {@code mentions} came
 * with issue 11; {@code preview_url} (a small image to show inline in place of the file) after it, last.
 */
public record MessageItem(
        @JsonProperty("message_id") long messageId,
        @JsonProperty("room_id") long roomId,
        String sender,
        String message,
        @JsonProperty("message_type") @Schema(example = "text_with_image") String messageType,
        @JsonProperty("file_url") @Schema(nullable = true, example = "/api/files/3f2a.png") String fileUrl,
        @JsonProperty("file_name") @Schema(nullable = true) String fileName,
        @JsonProperty("file_size") @Schema(nullable = true) Long fileSize,
        @JsonProperty("mime_type") @Schema(nullable = true) String mimeType,
        @Schema(format = "date-time", example = "2025-10-04T18:42:41Z") String timestamp,
        List<ReactionItem> reactions,
        @JsonProperty("user_reaction") @Schema(nullable = true, example = "👍") String userReaction,
        @JsonProperty("edited_at") @Schema(nullable = true, format = "date-time",
                description = "when the text was last edited; null until then") String editedAt,
        @Schema(description = "a deleted message stays in the history as a tombstone") boolean deleted,
        @JsonProperty("reply_to") @Schema(nullable = true, description = "the message this one answers") Parent replyTo,
        @JsonProperty("reply_count") @Schema(description = "replies to this message that are not deleted") int replyCount,
        @ArraySchema(arraySchema = @Schema(description = "whom the text calls: existing users named by `@username`, "
                + "as they spell their name, and `room` when an owner or moderator wrote `@room`; [] for none"),
                schema = @Schema(example = "bob")) List<String> mentions,
        @JsonProperty("preview_url") @Schema(nullable = true, example = "/api/files/3f2a-preview.jpg",
                description = "a small preview of the image the message carries, made by the server (at most "
                        + "320 pixels wide); null for other files, for images without one, and without a file")
        String previewUrl) {

    /**
     * The message a reply answers, as it is now.
     *
     * @param message its text cut to at most 100 characters, where a character as shown ends; "" once it is deleted
     */
    public record Parent(@JsonProperty("message_id") long messageId, String sender, String message) {

        static Parent of(MessageReference reference) {
            return reference == null ? null
                    : new Parent(reference.id().value(), reference.sender().value(), reference.excerpt());
        }
    }

    /** As one user sees it: everyone's reactions and their own. */
    public static MessageItem of(MessageView view) {
        Message message = view.message();
        Attachment file = message.content().attachment();
        return new MessageItem(message.id().value(), message.roomId().value(), message.sender().value(),
                message.content().text().value(), WireValues.messageType(message.content().type()),
                file == null ? null : FileUrls.of(file.fileName()), file == null ? null : file.displayName(),
                file == null ? null : file.size(), file == null ? null : file.mimeType(),
                WireTime.format(message.createdAt()), ReactionItem.of(view.reactions()),
                view.userReaction() == null ? null : view.userReaction().emoji(),
                WireTime.format(message.editedAt()), message.deleted(), Parent.of(message.replyTo()),
                message.replyCount(), mentions(message.mentions()),
                file == null || file.previewName() == null ? null : FileUrls.of(file.previewName()));
    }

    /** The users named, then {@code room} for a room mention. */
    static List<String> mentions(Mentions mentions) {
        List<String> names = new java.util.ArrayList<>(mentions.users().stream().map(Username::value).toList());
        if (mentions.room()) {
            names.add(Mentions.ROOM);
        }
        return List.copyOf(names);
    }

    /** Just posted: nobody has reacted yet. */
    public static MessageItem of(Message message) {
        return of(MessageView.fresh(message));
    }
}
