package org.chatserver.application.service.message;

import java.util.List;
import java.util.Map;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.UserId;

/** Puts reactions on messages: one query per page, whatever its size. */
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
        Map<MessageId, ReactionRepository.Seen> seen = reactions.seenBy(viewer, ids);
        return messages.stream()
                .map(m -> {
                    ReactionRepository.Seen of = seen.get(m.id());
                    return of == null ? new MessageView(m, List.of(), null)
                            : new MessageView(m, of.summaries(), of.own());
                })
                .toList();
    }

    public MessageView of(Message message, UserId viewer) {
        return of(List.of(message), viewer).getFirst();
    }
}
