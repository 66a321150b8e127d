package org.chatserver.application.port.in.search;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.Username;

/** Messages of the rooms the caller can see now, by what they say; newest first. */
public interface SearchMessagesUseCase {

    int DEFAULT_LIMIT = 20;
    int MAX_LIMIT = 100;
    /** How long a highlighted excerpt may be, in characters. */
    int EXCERPT_LENGTH = 200;

    SearchResults search(AuthenticatedUser caller, SearchCommand command);

    /**
     * @param room   only this room, or null
     * @param from   only messages this user sent, or null
     * @param before only messages older than this one (the previous page's {@code nextBefore}), or null
     */
    record SearchCommand(SearchQuery query, RoomId room, Username from, MessageId before, int limit) {

        public SearchCommand {
            if (query == null) {
                throw new IllegalArgumentException("a search needs a query");
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidValueException("page size", "{} must be between 1 and " + MAX_LIMIT);
            }
        }
    }

    /** @param nextBefore where the next page starts, null when there is none */
    record SearchResults(List<Hit> hits, MessageId nextBefore) {

        public SearchResults {
            hits = List.copyOf(hits);
        }
    }

    /**
     * @param excerpt the message's text around the first hit, or its file name when only that matched
     */
    record Hit(MessageView message, SearchQuery.Excerpt excerpt) {
    }
}
