package org.chatserver.application.service.message;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.ReactUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

public final class ReactService implements ReactUseCase {

    static final String MESSAGE_NOT_FOUND = "Message not found";

    private final MessageRepository messages;
    private final ReactionRepository reactions;
    private final RoomAccess access;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final MessageViews views;

    public ReactService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                        RoomEvents events, Transactions transactions, Clock clock) {
        this.messages = messages;
        this.reactions = reactions;
        this.access = access;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.views = new MessageViews(reactions);
    }

    @Override
    public List<ReactionSummary> add(AuthenticatedUser caller, AddReaction command) {
        ReactionType type = command.type();
        Instant now = clock.instant();
        Change change = transactions.inTransaction(() -> {
            // no reaction lands on a deleted message, and the same one from the caller's other device at once is
            // logged and told once
            Message message = lockedReactable(caller, command.message(), command.room());
            if (reactionOf(caller, message) == type) {
                // the reaction they have already: nothing changes, so nothing is logged or told
                return new Change(message, summaryOf(message.id()), null);
            }
            // the log before the row, as every change of the room
            RoomChange.Mark mark = messages.recordChange(message.roomId(), RoomChange.Kind.REACTION_ADDED, message.id(),
                    caller.userId(), type, now);
            reactions.set(message.id(), caller.userId(), type, now);
            return new Change(message, summaryOf(message.id()), mark);
        });
        if (change.mark() == null) {
            return change.summary();
        }
        events.publish(new RoomEvent.ReactionChanged(change.message().roomId(), command.message(), caller.username(),
                type, true, change.summary(), now, change.mark(), command.origin()));
        return change.summary();
    }

    @Override
    public List<ReactionSummary> remove(AuthenticatedUser caller, RemoveReaction command) {
        MessageId messageId = command.message();
        String origin = command.origin();
        Instant now = clock.instant();
        record Removed(Change change, ReactionType type) {
        }
        Removed removed = transactions.inTransaction(() -> {
            // a 👍 taken back never removes the 😂 another device of the caller gave meanwhile; and a deleted message
            // has no reactions to take back, as it takes none (409, as adding)
            Message message = lockedReactable(caller, messageId, command.room());
            ReactionType had = reactionOf(caller, message);
            if (command.type() != null && had != command.type()) {
                // taking back a 👍 leaves a 😂 where it is: the caller named what they saw, not this one
                had = null;
            }
            RoomChange.Mark mark = null;
            if (had != null) {
                // the log before the row, as above
                mark = messages.recordChange(message.roomId(), RoomChange.Kind.REACTION_REMOVED, message.id(),
                        caller.userId(), had, now);
                reactions.remove(message.id(), caller.userId());
            }
            return new Removed(new Change(message, summaryOf(message.id()), mark), had);
        });
        if (removed.type() != null) {
            events.publish(new RoomEvent.ReactionChanged(removed.change().message().roomId(), messageId,
                    caller.username(), removed.type(), false, removed.change().summary(), now, removed.change().mark(),
                    origin));
        }
        return removed.change().summary();
    }

    @Override
    public MessageView reactions(AuthenticatedUser caller, MessageId messageId) {
        return views.of(visibleMessage(caller, messageId, null), caller.userId());
    }

    /**
     * The message to react to, or to take a reaction back from, with its room's lock taken and read again under it: a
     * deletion or another reaction of the caller's (another device) is either in what the caller's change reads, or
     * waits for its commit. Refused when the caller is banned from the room (403) or the message is deleted (409).
     * Call in the changing transaction.
     */
    private Message lockedReactable(AuthenticatedUser caller, MessageId id, RoomId room) {
        Message seen = visibleMessage(caller, id, room);
        access.checkMayChange(seen.roomId(), caller.userId());
        messages.lockToChange(seen.roomId());
        Message message = messages.findById(seen.id()).orElseThrow(() -> new NotFoundException(MESSAGE_NOT_FOUND));
        message.checkReactable();
        return message;
    }

    /** In {@code room} when not null: a message of another room is not there to react to. */
    private Message visibleMessage(AuthenticatedUser caller, MessageId id, RoomId room) {
        // a message of a room the caller may not see does not exist for them
        return messages.findById(id)
                .filter(message -> room == null || message.roomId().equals(room))
                .filter(message -> access.find(caller, message.roomId()).isPresent())
                .orElseThrow(() -> new NotFoundException(MESSAGE_NOT_FOUND));
    }

    /** The caller's reaction on the message, null when they have none. */
    private ReactionType reactionOf(AuthenticatedUser caller, Message message) {
        return reactions.reactionsOf(caller.userId(), List.of(message.id())).get(message.id());
    }

    private List<ReactionSummary> summaryOf(MessageId id) {
        return reactions.summaries(List.of(id)).getOrDefault(id, List.of());
    }

    private record Change(Message message, List<ReactionSummary> summary, RoomChange.Mark mark) {
    }
}
