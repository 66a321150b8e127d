package org.chatserver.application.service.message;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.attachment.AttachmentRepository;
import org.chatserver.application.port.out.message.MessageRepository.Appended;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.notification.Notice;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.StoredAttachment;

public final class PostMessageService implements PostMessageUseCase {

    private final MessageRepository messages;
    private final AttachmentRepository attachments;
    private final RoomAccess access;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final Mentioning mentioning;

    /** Without mentions: {@code @names} stay text (for tests of other features). */
    public PostMessageService(MessageRepository messages, AttachmentRepository attachments, RoomAccess access,
                              RoomEvents events, Transactions transactions, Clock clock) {
        this(messages, attachments, access, events, transactions, clock, null);
    }

    /** @param mentioning what to do about {@code @names}; null: nothing */
    public PostMessageService(MessageRepository messages, AttachmentRepository attachments, RoomAccess access,
                              RoomEvents events, Transactions transactions, Clock clock, Mentioning mentioning) {
        this.mentioning = mentioning;
        this.messages = messages;
        this.attachments = attachments;
        this.access = access;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Posted post(AuthenticatedUser caller, PostMessageCommand command) {
        MessageDraft draft = draft(command);
        String clientId = command.clientId() == null ? null : command.clientId().value();
        record Stored(Appended appended, RoomChange.Mark mark, List<RoomMember> called, List<RoomMember> addressees) {
        }
        Stored stored = transactions.inTransaction(() -> {
            Instant now = clock.instant();
            RoomAccess.Visit visit = access.visit(caller, command.room());
            access.checkMayPost(visit.room().id(), caller.userId(), now);
            Membership author = access.join(visit, caller.userId(), now);
            MessageId replyTo = parent(visit, command.replyTo());
            Mentioning.Resolved mentions = mentioning == null ? null
                    : mentioning.resolve(draft.text(), Optional.of(author));
            Appended appended = messages.append(visit.room().id(), caller.userId(), draft,
                    mentions == null ? Mentions.NONE : mentions.mentions(), replyTo, clientId, now);
            if (!appended.created()) {
                return new Stored(appended, null, List.of(), List.of());
            }
            RoomChange.Mark mark = messages.recordChange(visit.room().id(), RoomChange.Kind.POSTED,
                    appended.message().id(), caller.userId(), null, now);
            List<RoomMember> called = mentions == null ? List.of() : mentioning.record(appended.message(), mentions);
            List<RoomMember> addressees = mentioning == null ? List.of()
                    : mentioning.addressees(visit.room(), caller.userId());
            return new Stored(appended, mark, called, addressees);
        });
        Appended appended = stored.appended();
        if (appended.created()) {
            // after commit: nobody may ever see a message that rolled back
            events.publish(new RoomEvent.MessagePosted(appended.message(), appended.previous(), stored.mark(),
                    List.of(), command.origin()));
            if (!stored.addressees().isEmpty()) {
                // a direct message: its one reader is told of it, mentioned or not
                mentioning.notifyOffline(appended.message(), stored.addressees(), Notice.Kind.DIRECT_MESSAGE);
            } else if (!stored.called().isEmpty()) {
                mentioning.notifyOffline(appended.message(), stored.called());
            }
        }
        return new Posted(MessageView.fresh(appended.message()), appended.created());
    }

    /** The message a reply answers: one of the same room, not deleted; anything else is not a message to answer. */
    private MessageId parent(RoomAccess.Visit visit, MessageId replyTo) {
        if (replyTo == null) {
            return null;
        }
        Message parent = messages.findById(replyTo)
                .orElseThrow(() -> new InvalidValueException("reply to", "{} must be a message of the same room"));
        return parent.acceptReply(visit.room().id()).id();
    }

    /** A file must be one uploaded here; what was recorded then decides what it is. */
    private MessageDraft draft(PostMessageCommand command) {
        AttachmentRef ref = command.file();
        if (ref == null) {
            return MessageDraft.of(command.text(), command.declaredType(), null, null);
        }
        StoredAttachment upload = attachments.findByName(ref.fileName())
                .orElseThrow(() -> new InvalidValueException("file", "{} must name a file uploaded to this server"));
        return MessageDraft.of(command.text(), command.declaredType(), upload.attachedAs(ref), upload.kind());
    }
}
