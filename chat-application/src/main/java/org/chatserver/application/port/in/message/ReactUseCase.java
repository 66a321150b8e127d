package org.chatserver.application.port.in.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;

/** Reactions, on messages of rooms the caller may see; one per user per message. */
public interface ReactUseCase {

    /** Sets the caller's reaction (replacing another) and tells the room; the message's reactions after. */
    List<ReactionSummary> add(AuthenticatedUser caller, AddReaction command);

    /** Removes the caller's reaction, if any, and tells the room; the message's reactions after. */
    List<ReactionSummary> remove(AuthenticatedUser caller, RemoveReaction command);

    MessageView reactions(AuthenticatedUser caller, MessageId message);

    /** @param origin the connection it came from, left out of what the room is told (null: nobody) */
    record AddReaction(MessageId message, ReactionType type, String origin) {
    }

    /** @param origin the connection it came from (null: none) */
    record RemoveReaction(MessageId message, String origin) {
    }
}
