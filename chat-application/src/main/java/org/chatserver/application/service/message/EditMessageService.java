package org.chatserver.application.service.message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.EditMessageUseCase;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageVersion;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;

public final class EditMessageService implements EditMessageUseCase {

    private final MessageRepository messages;
    private final RoomMessages roomMessages;
    private final MessageViews views;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration window;
    private final Mentioning mentioning;
    private final RoomAccess access;

    /** Without mentions (for tests of other features). @param window as below */
    public EditMessageService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                              RoomEvents events, Transactions transactions, Clock clock, Duration window) {
        this(messages, reactions, access, events, transactions, clock, window, null);
    }

    /**
     * @param window     how long after posting a message may be edited; null: any time
     * @param mentioning what to do about the new text's {@code @names}; null: nothing
     */
    public EditMessageService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                              RoomEvents events, Transactions transactions, Clock clock, Duration window,
                              Mentioning mentioning) {
        this.mentioning = mentioning;
        if (window != null && (window.isNegative() || window.isZero())) {
            throw new IllegalArgumentException("the edit window must be positive, or null for none");
        }
        this.messages = messages;
        this.roomMessages = new RoomMessages(messages, access);
        this.access = access;
        this.views = new MessageViews(reactions);
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.window = window;
    }

    @Override
    public MessageView edit(AuthenticatedUser caller, EditMessageCommand command) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        record Edited(MessageView view, RoomChange.Mark mark, List<RoomMember> newlyCalled) {
        }
        Edited edited = transactions.inTransaction(() -> {
            RoomMessages.Found found = roomMessages.find(caller, command.room(), command.message());
            Message before = found.message();
            Message after = before.edit(caller.userId(), command.text(), now, window);
            // new text as much as a post is: not from a user banned from the room, nor from a muted member
            access.checkMayChange(before.roomId(), caller.userId());
            access.checkMayPost(before.roomId(), caller.userId(), now);
            if (after == before) {
                // the same text: nothing to store, keep as a version or tell the room
                return new Edited(views.of(before, caller.userId()), null, List.of());
            }
            Mentioning.Resolved mentions = mentioning == null ? null
                    : mentioning.resolve(command.text(), before.roomId(), found.membership());
            if (mentions != null) {
                after = after.withMentions(mentions.mentions());
            }
            if (!messages.storeEdit(before, after)) {
                // deleted since it was read: the message, as it is now, refuses the edit
                messages.findById(before.id()).orElseThrow().edit(caller.userId(), command.text(), now, window);
            }
            RoomChange.Mark mark = messages.recordChange(after.roomId(), RoomChange.Kind.EDITED, after.id(),
                    caller.userId(), null, now);
            List<RoomMember> newlyCalled = List.of();
            if (mentions != null) {
                // the new text's mentions replace the old text's, counters and all
                mentioning.forget(before);
                newlyCalled = mentioning.record(after, mentions).stream()
                        .filter(m -> !before.mentions().room() && !before.mentions().names(m.username()))
                        .toList();
            }
            return new Edited(views.of(after, caller.userId()), mark, newlyCalled);
        });
        if (edited.mark() == null) {
            return edited.view();
        }
        // after commit; everyone, the editor's connections too: the frame is the new state of the message
        events.publish(new RoomEvent.MessageEdited(edited.view().message(), edited.view().reactions(), edited.mark(),
                command.origin()));
        if (!edited.newlyCalled().isEmpty()) {
            mentioning.notifyOffline(edited.view().message(), edited.newlyCalled());
        }
        return edited.view();
    }

    @Override
    public List<MessageVersion> versions(AuthenticatedUser caller, RoomId room, MessageId message) {
        return messages.versions(roomMessages.find(caller, room, message).message().id());
    }
}
