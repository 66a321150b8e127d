package org.chatserver.adapter.rest.search;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.chatserver.adapter.wire.MessageItem;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.search.SearchMessagesUseCase;
import org.chatserver.application.port.in.search.SearchMessagesUseCase.SearchCommand;
import org.chatserver.application.port.in.search.SearchMessagesUseCase.SearchResults;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.Username;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "search", description = "Messages of the rooms the caller can see, by what they say")
public class SearchController {

    private static final String DEFAULT_LIMIT = "" + SearchMessagesUseCase.DEFAULT_LIMIT;

    private final SearchMessagesUseCase search;

    public SearchController(SearchMessagesUseCase search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    @Operation(summary = "Search messages",
            description = "Messages whose text or file name contains every word and \"quoted phrase\" of `q`, "
                    + "ignoring case and accents, in the public rooms and the private rooms the caller is in now; "
                    + "newest first. `room_id` narrows to one room, `from` to one sender (a username). Page with "
                    + "`before` = the previous answer's `next_before`. `limit` 1 to " + SearchMessagesUseCase.MAX_LIMIT
                    + " (default " + SearchMessagesUseCase.DEFAULT_LIMIT + "). `q` of fewer than 2 characters, or "
                    + "of operators only: 422.")
    SearchResponse search(AuthenticatedUser caller, @RequestParam(required = false) String q,
            @RequestParam(name = "room_id", required = false) Long roomId,
            @RequestParam(required = false) String from, @RequestParam(required = false) Long before,
            @RequestParam(defaultValue = DEFAULT_LIMIT) int limit) {
        var command = new SearchCommand(SearchQuery.parse(q), roomId == null ? null : new RoomId(roomId),
                sender(from), cursor(before), limit);
        SearchResults results = search.search(caller, command);
        return new SearchResponse(results.hits().stream()
                .map(hit -> new SearchResultItem(MessageItem.of(hit.message()), Highlight.html(hit.excerpt())))
                .toList(),
                results.nextBefore() == null ? null : results.nextBefore().value());
    }

    private static Username sender(String from) {
        if (from == null || from.isBlank()) {
            return null;
        }
        try {
            return new Username(from.strip());
        } catch (InvalidValueException notAName) {
            throw new InvalidValueException("from", "from must be a username");
        }
    }

    /** Named as the client sent it: {@code before} (a {@code next_before}). */
    private static MessageId cursor(Long before) {
        return before == null ? null : MessageId.of("before", before);
    }
}
