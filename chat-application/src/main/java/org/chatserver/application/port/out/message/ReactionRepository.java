package org.chatserver.application.port.out.message;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.UserId;

/** One reaction per user per message. */
public interface ReactionRepository {

    /** Sets the user's reaction, replacing a different one they gave before. */
    void set(MessageId message, UserId user, ReactionType type, Instant now);

    /** Removes the user's reaction; false when there was none. */
    boolean remove(MessageId message, UserId user);

    /** Removes every reaction of the message (it was deleted). */
    void removeAll(MessageId message);

    /**
     * The reactions of each message that has any, each list in {@link ReactionType} order and
     * each summary's users in the order they reacted.
     */
    Map<MessageId, List<ReactionSummary>> summaries(Collection<MessageId> messages);

    /** What {@code user} reacted to each of these messages with, for those they did. */
    Map<MessageId, ReactionType> reactionsOf(UserId user, Collection<MessageId> messages);

    /**
     * The reactions of each message that has any as {@code viewer} sees them: everyone's, as {@link #summaries}
     * gives them, and the viewer's own, as {@link #reactionsOf} does. One look for a page of messages instead of
     * two.
     */
    Map<MessageId, Seen> seenBy(UserId viewer, Collection<MessageId> messages);

    /**
     * @param summaries everyone's reactions, the viewer's included (never empty)
     * @param own       the viewer's reaction, null when they gave none
     */
    record Seen(List<ReactionSummary> summaries, ReactionType own) {

        public Seen {
            summaries = List.copyOf(summaries);
        }
    }
}
