package org.chatserver.application.service.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.search.SearchMessagesUseCase;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.port.out.search.MessageSearch;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.application.service.message.MessageViews;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.SearchText;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;

public final class SearchMessagesService implements SearchMessagesUseCase {

    private final MessageSearch search;
    private final UserRepository users;
    private final MessageViews views;

    public SearchMessagesService(MessageSearch search, UserRepository users, ReactionRepository reactions) {
        this.search = search;
        this.users = users;
        this.views = new MessageViews(reactions);
    }

    @Override
    public SearchResults search(AuthenticatedUser caller, SearchCommand command) {
        UserId sender = null;
        if (command.from() != null) {
            Optional<User> user = users.findByUsername(command.from());
            if (user.isEmpty()) {
                // nobody of that name sent anything
                return new SearchResults(List.of(), null);
            }
            sender = user.get().id();
        }
        var scope = new MessageSearch.Scope(caller.userId(), command.room(), sender);
        // one more than asked tells whether there is a next page
        List<Message> found = search.search(command.query(), scope, command.before(), command.limit() + 1);
        boolean more = found.size() > command.limit();
        List<Message> examined = more ? found.subList(0, command.limit()) : found;
        // Every hit is confirmed against the message as it is now: an index entry that an edit or a deletion
        // failed to update never shows text the message no longer has (a deleted message says nothing).
        List<Message> page = examined.stream()
                .filter(message -> command.query().matches(SearchText.of(message.content())))
                .toList();
        List<Hit> hits = new ArrayList<>(page.size());
        for (MessageView view : views.of(page, caller.userId())) {
            hits.add(new Hit(view, excerpt(command.query(), view.message())));
        }
        // the next page starts after the last message looked at, shown or not
        MessageId nextBefore = more ? examined.getLast().id() : null;
        return new SearchResults(hits, nextBefore);
    }

    private static SearchQuery.Excerpt excerpt(SearchQuery query, Message message) {
        String text = message.content().text().value();
        Attachment file = message.content().attachment();
        return query.excerpt(text, EXCERPT_LENGTH)
                .or(() -> file == null ? Optional.empty() : query.excerpt(file.displayName(), EXCERPT_LENGTH))
                // the index matched what the text no longer shows (a race with an edit): the text's start, unmarked
                .orElseGet(() -> new SearchQuery.Excerpt(text.substring(0, cut(text)), List.of(), false,
                        text.length() > EXCERPT_LENGTH));
    }

    private static int cut(String text) {
        int end = Math.min(text.length(), EXCERPT_LENGTH);
        return end < text.length() && Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
    }
}
