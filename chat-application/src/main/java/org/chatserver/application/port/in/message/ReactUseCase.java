package org.chatserver.application.port.in.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomId;

/** Reactions, on messages of rooms the caller may see; one per user per message. */
public interface ReactUseCase {

    /** Sets the caller's reaction (replacing another) and tells the room; the message's reactions after. */
    List<ReactionSummary> add(AuthenticatedUser caller, AddReaction command);

    /**
     * Removes the caller's reaction, if any (of the command's type, when it names one), and tells the room; the
     * message's reactions after.
     */
    List<ReactionSummary> remove(AuthenticatedUser caller, RemoveReaction command);

    MessageView reactions(AuthenticatedUser caller, MessageId message);

    /**
     * @param room   the room the caller reacts in (a WebSocket connection's); a message of any other room is not
     *               found there. Null: wherever the message is (REST names only the message)
     * @param origin the connection it came from, left out of what the room is told (null: nobody)
     */
    record AddReaction(RoomId room, MessageId message, ReactionType type, String origin) {

        /** Wherever the message is. */
        public AddReaction(MessageId message, ReactionType type, String origin) {
            this(null, message, type, origin);
        }
    }

    /**
     * @param room   as for {@link AddReaction}
     * @param type   the reaction to take back: a caller whose reaction is another keeps it. Null: whichever they have
     * @param origin the connection it came from (null: none)
     */
    record RemoveReaction(RoomId room, MessageId message, ReactionType type, String origin) {

        /** The caller's reaction, whichever it is. */
        public RemoveReaction(RoomId room, MessageId message, String origin) {
            this(room, message, null, origin);
        }

        /** Wherever the message is, whichever it is. */
        public RemoveReaction(MessageId message, String origin) {
            this(null, message, null, origin);
        }
    }
}
