package org.chatserver.application.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.chatserver.application.fakes.InMemoryMessageSearch;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.ReactUseCase.AddReaction;
import org.chatserver.application.port.in.search.SearchMessagesUseCase.Hit;
import org.chatserver.application.port.in.search.SearchMessagesUseCase.SearchCommand;
import org.chatserver.application.port.in.search.SearchMessagesUseCase.SearchResults;
import org.chatserver.application.port.out.search.MessageSearch;
import org.chatserver.application.service.ChatFixture;
import org.chatserver.domain.AttachmentKind;
import org.chatserver.domain.AttachmentRef;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Room;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

class SearchMessagesServiceTest {

    private final ChatFixture chat = new ChatFixture();
    private final SearchMessagesService search = new SearchMessagesService(
            new InMemoryMessageSearch(chat.messages, chat.rooms), chat.users, chat.reactions);
    private final AuthenticatedUser alice = chat.user("alice");
    private final AuthenticatedUser bob = chat.user("bob");
    private final Room general = chat.room(alice, "general", false);

    private SearchResults find(AuthenticatedUser caller, String q, Username from, MessageId before, int limit) {
        return search.search(caller, new SearchCommand(SearchQuery.parse(q), null, from, before, limit));
    }

    private static List<MessageId> ids(SearchResults results) {
        return results.hits().stream().map(hit -> hit.message().message().id()).toList();
    }

    @Test
    void aNextPageIsOfferedOnlyWhenThereIsOne() {
        MessageId first = chat.say(alice, general, "note one").id();
        MessageId second = chat.say(alice, general, "note two").id();
        MessageId third = chat.say(alice, general, "note three").id();

        assertThat(find(alice, "note", null, null, 3).nextBefore()).isNull();
        SearchResults page = find(alice, "note", null, null, 2);
        assertThat(ids(page)).containsExactly(third, second);
        assertThat(page.nextBefore()).isEqualTo(second);
        SearchResults last = find(alice, "note", null, page.nextBefore(), 2);
        assertThat(ids(last)).containsExactly(first);
        assertThat(last.nextBefore()).isNull();
    }

    @Test
    void resultsCarryReactionsAsHistoryDoes() {
        MessageId id = chat.say(alice, general, "lunch at noon").id();
        chat.react.add(bob, new AddReaction(id, ReactionType.THUMBS_UP, null));

        Hit hit = find(bob, "lunch", null, null, 20).hits().getFirst();

        assertThat(hit.message().userReaction()).isEqualTo(ReactionType.THUMBS_UP);
        assertThat(hit.message().reactions()).hasSize(1);
    }

    @Test
    void theExcerptIsTheTextOrElseTheFileName() {
        chat.uploaded(alice, "r1.pdf", AttachmentKind.DOCUMENT, "application/pdf");
        chat.post.post(alice, new PostMessageCommand(general.id(), new MessageText("see attached"), null,
                new AttachmentRef("r1.pdf", "Quarterly report.pdf"), null, null));

        Hit byName = find(alice, "report", null, null, 20).hits().getFirst();
        Hit byText = find(alice, "attached", null, null, 20).hits().getFirst();

        assertThat(byName.excerpt().text()).isEqualTo("Quarterly report.pdf");
        assertThat(byName.excerpt().hits()).containsExactly(new SearchQuery.Excerpt.Hit(10, 16));
        assertThat(byText.excerpt().text()).isEqualTo("see attached");
    }

    @Test
    void aHitTheIndexStillHoldsButTheMessageNoLongerSaysIsLeftOut() {
        MessageId old = chat.say(alice, general, "budget draft").id();
        MessageId stale = chat.say(alice, general, "nothing to see").id();
        MessageId newest = chat.say(alice, general, "final budget").id();
        // an index that missed an edit: it still finds the middle message by what it used to say
        MessageSearch lagging = (query, scope, before, limit) -> chat.messages.pageBefore(general.id(), before, 50)
                .reversed().stream().limit(limit).toList();
        var service = new SearchMessagesService(lagging, chat.users, chat.reactions);

        SearchResults first = service.search(alice, new SearchCommand(SearchQuery.parse("budget"), null, null, null, 2));
        SearchResults second = service.search(alice, new SearchCommand(SearchQuery.parse("budget"), null, null,
                first.nextBefore(), 2));

        assertThat(ids(first)).containsExactly(newest);
        assertThat(first.nextBefore()).as("past the message left out").isEqualTo(stale);
        assertThat(ids(second)).containsExactly(old);
        assertThat(second.nextBefore()).isNull();
    }

    @Test
    void fromNarrowsToOneSenderAndAnUnknownOneFindsNothing() {
        chat.say(alice, general, "standup now");
        MessageId bobs = chat.say(bob, general, "standup in 5").id();

        assertThat(ids(find(alice, "standup", new Username("bob"), null, 20))).containsExactly(bobs);
        assertThat(find(alice, "standup", new Username("nobody"), null, 20).hits()).isEmpty();
    }
}
