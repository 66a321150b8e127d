package org.chatserver.application.port.in.message;

import java.util.List;
import org.chatserver.domain.Message;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;

/** A message as one user sees it: with everyone's reactions and their own. */
public record MessageView(Message message, List<ReactionSummary> reactions, ReactionType userReaction) {

    public MessageView {
        reactions = List.copyOf(reactions);
    }

    public static MessageView fresh(Message message) {
        return new MessageView(message, List.of(), null);
    }
}
