package org.chatserver.adapter.rest.message;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.chatserver.adapter.wire.ChangeFrames;
import org.chatserver.adapter.wire.Cursors;
import org.chatserver.adapter.wire.FileUrls;
import org.chatserver.adapter.wire.MessageItem;
import org.chatserver.adapter.wire.WireErrors;
import org.chatserver.adapter.wire.WireValues;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.DeleteMessageUseCase;
import org.chatserver.application.port.in.message.DeleteMessageUseCase.DeleteMessageCommand;
import org.chatserver.application.port.in.message.EditMessageUseCase;
import org.chatserver.application.port.in.message.EditMessageUseCase.EditMessageCommand;
import org.chatserver.application.port.in.message.MessageHistoryUseCase;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.application.port.in.message.PinMessageUseCase;
import org.chatserver.application.port.in.message.PinMessageUseCase.PinCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.RoomChangesUseCase;
import org.chatserver.application.port.in.message.RoomChangesUseCase.ChangePage;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.ClientId;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.RoomId;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Message-scoped calls, under their room: history, posting, edits, deletions, replies, pins, the change log. */
@RestController
@RequestMapping("/api/rooms/{room_id}")
@Tag(name = "room messages", description = "A room's messages and what happens to them")
public class RoomMessageController {

    private static final String DEFAULT_LIMIT = "" + MessageHistoryUseCase.DEFAULT_LIMIT;
    private static final String DEFAULT_CHANGES = "" + RoomChangesUseCase.DEFAULT_LIMIT;

    private final MessageHistoryUseCase history;
    private final PostMessageUseCase posting;
    private final EditMessageUseCase editing;
    private final DeleteMessageUseCase deleting;
    private final PinMessageUseCase pinning;
    private final RoomChangesUseCase changes;

    public RoomMessageController(MessageHistoryUseCase history, PostMessageUseCase posting,
                                 EditMessageUseCase editing, DeleteMessageUseCase deleting,
                                 PinMessageUseCase pinning, RoomChangesUseCase changes) {
        this.history = history;
        this.posting = posting;
        this.editing = editing;
        this.deleting = deleting;
        this.pinning = pinning;
        this.changes = changes;
    }

    @GetMapping("/messages")
    @Operation(summary = "A page of the room's messages",
            description = "The same pages as `GET /api/messages/{room_id}`, with the same `before`, `after` and "
                    + "`limit`.")
    List<MessageItem> page(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @RequestParam(required = false) Long before, @RequestParam(required = false) Long after,
            @RequestParam(defaultValue = DEFAULT_LIMIT) int limit) {
        return MessageController.MAPPER.toItems(history.page(caller, new RoomId(roomId),
                MessageController.paging(before, after, limit)));
    }

    @PostMapping(path = "/messages", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Post a message (bots and integrations)",
            description = "The WebSocket `message` frame's body. Idempotent on `client_id`: a resend answers the "
                    + "first message again and posts nothing. Watchers get it as a `message` frame.")
    MessageItem post(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @RequestBody PostMessageRequest body) {
        String fileUrl = body.fileUrl();
        String fileName = body.fileName();
        PostMessageRequest.Attachment attachment = null;
        if (fileUrl == null && body.attachment() != null) {
            // the iOS app's shape for the same fields
            attachment = body.attachment();
            fileUrl = attachment.url();
            fileName = attachment.filename();
        }
        // checked in the order the WebSocket checks them, so a body with several faults gets the same error
        ClientId clientId = body.clientId() == null ? null : new ClientId(clientIdText(body.clientId()));
        AttachmentRef file = fileUrl == null ? null : FileUrls.parse(fileUrl, fileName);
        // the size and type a client claims are checked for form and ignored: the upload's record decides
        Attachment.checkClaims(body.fileSize(), body.mimeType());
        if (attachment != null) {
            Attachment.checkClaims(attachment.size(), attachment.mimeType());
        }
        MessageText text = new MessageText(body.content());
        MessageId replyTo = body.replyTo() == null ? null : MessageId.of("reply_to", body.replyTo());
        PostMessageCommand command = new PostMessageCommand(new RoomId(roomId), text,
                WireValues.messageType(body.messageType()), file, clientId, replyTo, null);
        var posted = posting.post(caller, command);
        return MessageItem.of(posted.message());
    }

    private static String clientIdText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return value.toString();
        }
        throw new InvalidValueException("client_id", "client_id " + WireErrors.STRING_OR_INTEGER);
    }

    @PatchMapping(path = "/messages/{message_id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Edit a message's text",
            description = "Only its author: 403 for anyone else; 409 for a deleted message; 400 once the edit "
                    + "window (if configured) has closed. The room gets `message_edited`.")
    MessageItem edit(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable("message_id") long messageId, @Valid @RequestBody EditMessageRequest body) {
        MessageText text = new MessageText(body.content());
        return MessageItem.of(editing.edit(caller, new EditMessageCommand(new RoomId(roomId),
                new MessageId(messageId), text, null)));
    }

    @DeleteMapping("/messages/{message_id}")
    @Operation(summary = "Delete a message",
            description = "Its author, or the room's owner or a moderator: 403 for anyone else; 409 when it is "
                    + "deleted already. It stays in the history as a tombstone; the room gets `message_deleted`.")
    MessageItem delete(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable("message_id") long messageId) {
        return MessageItem.of(deleting.delete(caller, new DeleteMessageCommand(new RoomId(roomId),
                new MessageId(messageId), null)));
    }

    @GetMapping("/messages/{message_id}/edits")
    @Operation(summary = "A message's earlier texts, oldest first", description = "None for a deleted message.")
    List<MessageVersionItem> edits(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable("message_id") long messageId) {
        return editing.versions(caller, new RoomId(roomId), new MessageId(messageId)).stream()
                .map(MessageVersionItem::of).toList();
    }

    @GetMapping("/messages/{message_id}/replies")
    @Operation(summary = "A page of the replies to a message",
            description = "Oldest first, with the same `before`, `after` and `limit` rules as the room's history.")
    List<MessageItem> replies(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable("message_id") long messageId, @RequestParam(required = false) Long before,
            @RequestParam(required = false) Long after, @RequestParam(defaultValue = DEFAULT_LIMIT) int limit) {
        return MessageController.MAPPER.toItems(history.replies(caller, new RoomId(roomId),
                new MessageId(messageId), MessageController.paging(before, after, limit)));
    }

    @PostMapping("/messages/{message_id}/pin")
    @Operation(summary = "Pin a message", description = "The room's owner or a moderator: 403 for anyone else; "
            + "409 for a deleted message. Pinning a pinned message changes nothing. The room gets `message_pinned`.")
    PinItem pin(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable("message_id") long messageId) {
        return PinItem.of(pinning.pin(caller, new PinCommand(new RoomId(roomId), new MessageId(messageId),
                null)));
    }

    @DeleteMapping("/messages/{message_id}/pin")
    @Operation(summary = "Unpin a message", description = "The room's owner or a moderator. The room gets "
            + "`message_unpinned` when it was pinned.")
    org.chatserver.adapter.rest.MessageResponse unpin(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @PathVariable("message_id") long messageId) {
        pinning.unpin(caller, new PinCommand(new RoomId(roomId), new MessageId(messageId), null));
        return new org.chatserver.adapter.rest.MessageResponse("Message unpinned");
    }

    @GetMapping("/pins")
    @Operation(summary = "The room's pinned messages, the newest pin first",
            description = "At most " + PinMessageUseCase.MAX_PINS + ".")
    List<PinItem> pins(AuthenticatedUser caller, @PathVariable("room_id") long roomId) {
        return pinning.pins(caller, new RoomId(roomId)).stream().map(PinItem::of).toList();
    }

    @GetMapping("/changes")
    @Operation(summary = "Every change of the room after a cursor, in order",
            description = "For clients that were away longer than a WebSocket resume covers. Each change is its "
                    + "WebSocket frame, with the message as it is now. `since`: a `cursor` from a frame or an earlier "
                    + "page (none: from the start); `limit` 1 to " + RoomChangesUseCase.MAX_LIMIT + " (default "
                    + RoomChangesUseCase.DEFAULT_LIMIT + ").")
    ChangesResponse changes(AuthenticatedUser caller, @PathVariable("room_id") long roomId,
            @RequestParam(required = false) String since, @RequestParam(defaultValue = DEFAULT_CHANGES) int limit) {
        if (limit < 1 || limit > RoomChangesUseCase.MAX_LIMIT) {
            throw new InvalidValueException("limit", "limit must be between 1 and " + RoomChangesUseCase.MAX_LIMIT);
        }
        ChangePage page = changes.changes(caller, new RoomId(roomId), Cursors.changesSince(since), limit);
        return new ChangesResponse(page.changes().stream().map(ChangeFrames::of).toList(),
                Cursors.of(page.cursor()), page.more());
    }
}
