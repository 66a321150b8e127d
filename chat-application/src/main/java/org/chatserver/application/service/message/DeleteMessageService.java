package org.chatserver.application.service.message;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.DeleteMessageUseCase;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.moderation.RoomAuditLog;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Message;
import org.chatserver.domain.ModerationAction;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.StoredAttachment;

/**
 * Deletion. The tombstone, the end of the message's reactions and earlier versions, and the end of
 * the upload record of a file no other message carries commit together; the file's bytes go after
 * commit, so a rollback never leaves a message pointing at a removed file. Should removing the bytes
 * fail, they stay behind unreferenced (the store's problem, not the user's): the deletion stands.
 */
public final class DeleteMessageService implements DeleteMessageUseCase {

    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final AttachmentRepository attachments;
    private final AttachmentStorage storage;
    private final RoomMessages roomMessages;
    private final RoomAccess access;
    private final RoomAuditLog audit;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final Mentioning mentioning;

    /** Without mentions (for tests of other features). */
    public DeleteMessageService(MessageRepository messages, ReactionRepository reactions,
                                AttachmentRepository attachments, AttachmentStorage storage, RoomAccess access,
                                RoomAuditLog audit, RoomEvents events, Transactions transactions, Clock clock) {
        this(messages, reactions, attachments, storage, access, audit, events, transactions, clock, null);
    }

    /** @param mentioning forgets a deleted message's mentions; null: nothing to forget */
    public DeleteMessageService(MessageRepository messages, ReactionRepository reactions,
                                AttachmentRepository attachments, AttachmentStorage storage, RoomAccess access,
                                RoomAuditLog audit, RoomEvents events, Transactions transactions, Clock clock,
                                Mentioning mentioning) {
        this.mentioning = mentioning;
        this.messages = messages;
        this.reactions = reactions;
        this.attachments = attachments;
        this.storage = storage;
        this.roomMessages = new RoomMessages(messages, access);
        this.access = access;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public MessageView delete(AuthenticatedUser caller, DeleteMessageCommand command) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        record Deleted(Message tombstone, RoomChange.Mark mark, List<StorageKey> orphans) {
        }
        Deleted deleted = transactions.inTransaction(() -> {
            RoomMessages.Found found = roomMessages.find(caller, command.room(), command.message());
            Message message = found.message();
            // a user banned from the room changes nothing in it: what they wrote stays for its moderators to judge
            access.checkMayChange(message.roomId(), caller.userId());
            Message tombstone = message.delete(caller.userId(), found.membership());
            if (!message.senderId().equals(caller.userId())) {
                // another's message: moderation, with its limits (nobody the owner's, moderators plain members')
                found.room().checkModerates(found.membership(), message.senderId(),
                        access.membership(message.roomId(), message.senderId()));
            }
            messages.storeDeletion(tombstone);
            // an owner or moderator deleting someone else's message is moderation: logged with it
            found.membership().flatMap(deleter -> ModerationAction.messageDeleted(deleter, message, now))
                    .ifPresent(audit::record);
            reactions.removeAll(message.id());
            if (mentioning != null) {
                // a deleted message mentions nobody: it leaves the mentioned members' counts and lists
                mentioning.forget(message);
            }
            RoomChange.Mark mark = messages.recordChange(message.roomId(), RoomChange.Kind.DELETED, message.id(),
                    caller.userId(), null, now);
            return new Deleted(tombstone, mark, orphaned(message.content().attachment()));
        });
        events.publish(new RoomEvent.MessageDeleted(deleted.tombstone().roomId(), deleted.tombstone().id(),
                caller.username(), now, deleted.mark(), command.origin()));
        for (StorageKey key : deleted.orphans()) {
            try {
                storage.delete(key);
            } catch (AttachmentStorageException | IllegalArgumentException e) {
                // the bytes stay behind unreferenced; nobody can reach them any more
            }
        }
        return MessageView.fresh(deleted.tombstone());
    }

    /** The stored objects of a file no message carries any more, its upload record forgotten. */
    private List<StorageKey> orphaned(Attachment file) {
        if (file == null || messages.carriesFile(file.fileName())) {
            return List.of();
        }
        // a preview posted as a file of its own: every message that carries its image still shows it
        Optional<StoredAttachment> imageOfIt = attachments.findByPreview(file.fileName());
        if (imageOfIt.isPresent() && messages.carriesFile(imageOfIt.get().name())) {
            return List.of();
        }
        List<StorageKey> keys = new ArrayList<>();
        StoredAttachment upload = attachments.findByName(file.fileName()).orElse(null);
        if (upload != null) {
            attachments.remove(upload.name());
            String preview = upload.previewName();
            if (preview != null && !messages.carriesFile(preview)) {
                attachments.remove(preview);
                keys.add(new StorageKey(preview));
            }
        }
        keys.add(new StorageKey(file.fileName()));
        return keys;
    }
}
