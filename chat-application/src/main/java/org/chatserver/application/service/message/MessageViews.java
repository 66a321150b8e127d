package org.chatserver.application.service.message;

import java.util.List;
import java.util.Map;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.UserId;

/** Puts reactions on messages: two queries per page, whatever its size. */
public final class MessageViews {

    private final ReactionRepository reactions;

    public MessageViews(ReactionRepository reactions) {
        this.reactions = reactions;
    }

    public List<MessageView> of(List<Message> messages, UserId viewer) {
        if (messages.isEmpty()) {
            return List.of();
        }
        List<MessageId> ids = messages.stream().map(Message::id).toList();
        Map<MessageId, List<ReactionSummary>> summaries = reactions.summaries(ids);
        Map<MessageId, ReactionType> own = reactions.reactionsOf(viewer, ids);
        return messages.stream()
                .map(m -> new MessageView(m, summaries.getOrDefault(m.id(), List.of()), own.get(m.id())))
                .toList();
    }

    public MessageView of(Message message, UserId viewer) {
        return of(List.of(message), viewer).getFirst();
    }
}
