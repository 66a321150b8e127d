package org.chatserver.application.service.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;

/**
 * Turns entries of a room's change log back into the events live watchers got, with each message as
 * it is now: a post with the reactions it has now, an edit with the text it has now. The post, edits,
 * reactions and pins of a message deleted since are left out (its deletion follows): a deleted message
 * never reaches a client as a {@code message} frame, nor as reactions or pins of a message it never saw.
 */
public final class ChangeReplay {

    private final MessageRepository messages;
    private final ReactionRepository reactions;

    public ChangeReplay(MessageRepository messages, ReactionRepository reactions) {
        this.messages = messages;
        this.reactions = reactions;
    }

    /**
     * The events of consecutive changes of one room, in order.
     *
     * @param after the change before the first one (null: they start the log)
     */
    public List<RoomEvent.Change> events(List<RoomChange> changes, ChangeId after) {
        Map<MessageId, Message> found = new HashMap<>();
        if (!changes.isEmpty()) {
            messages.findByIds(changes.stream().map(RoomChange::messageId).distinct().toList())
                    .forEach(m -> found.put(m.id(), m));
        }
        List<MessageId> present = List.copyOf(found.keySet());
        Map<MessageId, List<ReactionSummary>> summaries = present.isEmpty() ? Map.of() : reactions.summaries(present);
        List<RoomEvent.Change> events = new ArrayList<>(changes.size());
        ChangeId previous = after;
        for (RoomChange change : changes) {
            RoomChange.Mark mark = new RoomChange.Mark(change.id(), previous);
            previous = change.id();
            Message message = found.get(change.messageId());
            List<ReactionSummary> summary = summaries.getOrDefault(change.messageId(), List.of());
            RoomEvent.Change event = switch (change.kind()) {
                case POSTED -> message == null || message.deleted() ? null
                        : new RoomEvent.MessagePosted(message, null, mark, summary, null);
                case EDITED -> message == null || message.deleted() ? null
                        : new RoomEvent.MessageEdited(message, summary, mark, null);
                case DELETED -> new RoomEvent.MessageDeleted(change.roomId(), change.messageId(), change.actor(),
                        change.at(), mark, null);
                case REACTION_ADDED, REACTION_REMOVED -> message != null && message.deleted() ? null
                        : new RoomEvent.ReactionChanged(change.roomId(), change.messageId(), change.actor(),
                        change.reaction(), change.kind() == RoomChange.Kind.REACTION_ADDED, summary, change.at(), mark,
                        null);
                case PINNED, UNPINNED -> message != null && message.deleted() ? null
                        : new RoomEvent.PinChanged(change.roomId(), change.messageId(), change.actor(),
                        change.kind() == RoomChange.Kind.PINNED, change.at(), mark, null);
            };
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }
}
