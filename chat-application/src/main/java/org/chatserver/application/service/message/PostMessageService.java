package org.chatserver.application.service.message;

import java.time.Clock;
import java.time.Instant;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.message.MessageRepository.Appended;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.StoredAttachment;

public final class PostMessageService implements PostMessageUseCase {

    private final MessageRepository messages;
    private final AttachmentRepository attachments;
    private final RoomAccess access;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;

    public PostMessageService(MessageRepository messages, AttachmentRepository attachments, RoomAccess access,
                              RoomEvents events, Transactions transactions, Clock clock) {
        this.messages = messages;
        this.attachments = attachments;
        this.access = access;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Posted post(AuthenticatedUser caller, PostMessageCommand command) {
        String clientId = checkClientId(command.clientId());
        MessageDraft draft = draft(command);
        Appended appended = transactions.inTransaction(() -> {
            Instant now = clock.instant();
            RoomAccess.Visit visit = access.visit(caller, command.room());
            access.join(visit, caller.userId(), now);
            return messages.append(visit.room().id(), caller.userId(), draft, clientId, now);
        });
        if (appended.created()) {
            // after commit: nobody may ever see a message that rolled back
            events.publish(new RoomEvent.MessagePosted(appended.message(), appended.previous(), command.origin()));
        }
        return new Posted(MessageView.fresh(appended.message()), appended.created());
    }

    /**
     * A file must be one uploaded here: its recorded size, type and kind win over what the client
     * says, and the message type must agree with what the file really is.
     */
    private MessageDraft draft(PostMessageCommand command) {
        if (command.fileUrl() == null) {
            return MessageDraft.of(command.content(), command.messageType(), null, null);
        }
        // the client's file_size and mime_type are not even checked: the recorded ones replace them
        Attachment claimed = Attachment.fromUrl(command.fileUrl(), command.fileName(), null, null);
        StoredAttachment upload = attachments.findByName(claimed.fileName())
                .orElseThrow(() -> new InvalidValueException("file_url",
                        "file_url must name a file uploaded to this server"));
        String displayName = command.fileName() == null || command.fileName().isBlank()
                ? upload.originalName() : command.fileName();
        Attachment attachment = new Attachment(upload.name(), displayName, upload.size(), upload.mimeType());
        return MessageDraft.of(command.content(), command.messageType(), attachment, upload.kind());
    }

    private static String checkClientId(String clientId) {
        if (clientId == null) {
            return null;
        }
        if (clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID_LENGTH
                || !clientId.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidValueException("client_id",
                    "client_id must be 1 to " + MAX_CLIENT_ID_LENGTH + " visible ASCII characters");
        }
        return clientId;
    }
}
