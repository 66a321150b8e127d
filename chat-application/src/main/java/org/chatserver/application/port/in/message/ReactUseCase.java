package org.chatserver.application.port.in.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;

/** Reactions, on messages of rooms the caller may see; one per user per message. */
public interface ReactUseCase {

    /** Sets the caller's reaction (replacing another) and tells the room; the message's reactions after. */
    List<ReactionSummary> add(AuthenticatedUser caller, MessageId message, String reactionType, String origin);

    /** Removes the caller's reaction, if any, and tells the room; the message's reactions after. */
    List<ReactionSummary> remove(AuthenticatedUser caller, MessageId message, String origin);

    MessageView reactions(AuthenticatedUser caller, MessageId message);
}
