package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.application.contract.ChatStores.T0;
import static org.chatserver.application.contract.ChatStores.member;

import java.util.Arrays;
import java.util.List;
import org.chatserver.application.port.out.search.MessageSearch;
import org.chatserver.application.port.out.search.MessageSearch.Scope;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link MessageSearch} must find, on one corpus: the same queries give the same messages in the
 * same order on the in-memory fake, SQLite and PostgreSQL. Extend it once per implementation.
 */
public abstract class MessageSearchContract {

    /** The chat stores, and the search over the very same messages. */
    public record Stores(ChatStores chat, MessageSearch search) {
    }

    private ChatStores chat;
    private MessageSearch search;
    private UserId alice;
    private UserId bob;
    private UserId carol;
    private Room general;
    private Room team;
    private Room secret;
    /** The corpus, by the number each message has in the tests (1 is the oldest); index 0 is unused. */
    private final Message[] corpus = new Message[18];

    /** Called once before each test. */
    protected abstract Stores newStores();

    @BeforeEach
    void postTheCorpus() {
        Stores stores = newStores();
        chat = stores.chat();
        search = stores.search();
        alice = chat.user("alice");
        bob = chat.user("bob");
        carol = chat.user("carol");
        general = chat.publicRoom("General", T0);
        team = chat.privateRoom("Team", alice, T0);
        chat.rooms().addMember(member(team.id(), alice, T0));
        chat.rooms().addMember(member(team.id(), bob, T0));
        secret = chat.privateRoom("Secret", carol, T0);
        chat.rooms().addMember(member(secret.id(), carol, T0));

        post(1, general, alice, "We redeployed the API server yesterday");
        post(2, general, bob, "Café au lait? On se retrouve à l'hôtel.");
        post(3, general, bob, "Die Donaudampfschiffahrtsgesellschaft hat Verspätung");
        post(4, general, alice, "我们明天开会讨论预算");
        post(5, general, bob, "明日の会議は10時からです");
        post(6, general, alice, "내일 회의는 취소되었습니다");
        post(7, general, bob, "Ship it 🚀🚀 party 🎉");
        post(8, general, alice, "Run `grep -rn \"TODO\" src/` then foo.bar(baz) => qux;");
        post(9, general, alice, "Docs at https://example.com/docs/search?q=café#top");
        post(10, general, bob, "CAFE MENU: espresso, deploy-ready");
        post(11, team, alice, "Secret deploy plan for the café launch");
        post(12, secret, carol, "Carol's hidden deploy notes");
        post(13, general, carol, "Meeting 会議 with Zoë at 3pm");
        corpus[14] = chat.messages().append(general.id(), alice, new MessageDraft(MessageText.EMPTY,
                MessageType.DOCUMENT, new Attachment("f0a1.pdf", "Quarterly-Report.pdf", 1234L, "application/pdf")),
                null, T0).message();
        post(15, general, bob, "Die Straße ist gesperrt");
        post(16, general, alice, "ＦＵＬＬＷＩＤＴＨ letters and a ❤️ heart");
        post(17, general, bob, "line one\n\n   line   two");
    }

    private void post(int number, Room room, UserId sender, String text) {
        corpus[number] = chat.post(room.id(), sender, text);
    }

    /** The numbers of the messages found, in the order found. */
    private List<Integer> find(String query, Scope scope, MessageId before, int limit) {
        List<Message> found = search.search(SearchQuery.parse(query), scope, before, limit);
        List<MessageId> all = Arrays.stream(corpus).map(m -> m == null ? null : m.id()).toList();
        return found.stream().map(m -> all.indexOf(m.id())).toList();
    }

    private List<Integer> find(String query, UserId viewer) {
        return find(query, Scope.of(viewer), null, 50);
    }

    private static List<Integer> numbers(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of()
                : Arrays.stream(spaceSeparated.strip().split(" +")).map(Integer::valueOf).toList();
    }

    @ParameterizedTest(name = "{0} finds {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # English: substrings and prefixes, newest first; the private room alice is in, not carol's
            deploy                    | 11 10 1
            DEPLOY                    | 11 10 1
            redeploy*                 | 1
            api server                | 1
            # French: accents and case do not matter, either way round
            cafe                      | 11 10 9 2
            CAFÉ                      | 11 10 9 2
            hotel                     | 2
            hôtel                     | 2
            # German: compounds by their parts; umlauts and ß folded
            schiff                    | 3
            dampfschiffahrt           | 3
            verspatung                | 3
            strasse                   | 15
            STRASSE                   | 15
            straße                    | 15
            # Chinese, Japanese, Korean: any run of two or more characters, inside a sentence
            会議                       | 13 5
            明日                       | 5
            开会                       | 4
            会議は10時                 | 5
            회의                       | 6
            내일 회의                  | 6
            # emoji, with and without the variation selector
            🚀🚀                       | 7
            party 🎉                   | 7
            ❤️ heart                   | 16
            ❤ heart                    | 16
            # code and URLs: punctuation is text
            foo.bar(                  | 8
            '"grep -rn"'              | 8
            => qux                    | 8
            example.com/docs          | 9
            https://example           | 9
            # phrases in quotes, several words all of them, mixed scripts
            '"deploy plan"'           | 11
            '"plan deploy"'           |
            secret cafe               | 11
            secret hotel              |
            zoe 会議                   | 13
            3PM                       | 13
            # file names
            quarterly                 | 14
            report pdf                | 14
            # compatibility forms and white space
            fullwidth                 | 16
            '"line one line two"'     | 17
            nothing-like-this         |
            """)
    void findsWhatPeopleTyped(String query, String expected) {
        assertThat(find(query, alice)).isEqualTo(numbers(expected == null ? "" : expected));
    }

    @Test
    void findsOnlyInRoomsTheViewerCanSeeNow() {
        assertThat(find("deploy", alice)).isEqualTo(List.of(11, 10, 1));
        assertThat(find("deploy", bob)).isEqualTo(List.of(11, 10, 1));
        assertThat(find("deploy", carol)).isEqualTo(List.of(12, 10, 1));

        chat.rooms().removeMember(team.id(), bob);

        assertThat(find("deploy", bob)).isEqualTo(List.of(10, 1));
        assertThat(find("secret", bob)).isEmpty();
    }

    @Test
    void narrowsToOneRoomAndOneSender() {
        assertThat(find("deploy", new Scope(alice, general.id(), null), null, 50)).isEqualTo(List.of(10, 1));
        assertThat(find("deploy", new Scope(alice, team.id(), null), null, 50)).isEqualTo(List.of(11));
        // a room one cannot see is as empty as one that does not exist
        assertThat(find("deploy", new Scope(alice, secret.id(), null), null, 50)).isEmpty();
        assertThat(find("deploy", new Scope(alice, new RoomId(987_654L), null), null, 50)).isEmpty();
        assertThat(find("cafe", new Scope(alice, null, bob), null, 50)).isEqualTo(List.of(10, 2));
        assertThat(find("cafe", new Scope(alice, general.id(), alice), null, 50)).isEqualTo(List.of(9));
    }

    @Test
    void pagesNewestFirstBeforeACursor() {
        assertThat(find("cafe", Scope.of(alice), null, 2)).isEqualTo(List.of(11, 10));
        assertThat(find("cafe", Scope.of(alice), corpus[10].id(), 2)).isEqualTo(List.of(9, 2));
        assertThat(find("cafe", Scope.of(alice), corpus[2].id(), 2)).isEmpty();
        // the cursor works for short (unindexed) terms too
        assertThat(find("会議", Scope.of(alice), corpus[13].id(), 5)).isEqualTo(List.of(5));
    }

    @Test
    void pagesAcrossTheViewersRoomsNewestFirst() {
        Message first = chat.post(general.id(), alice, "Standup at nine");
        Message second = chat.post(team.id(), bob, "standup notes for the team");
        Message hidden = chat.post(secret.id(), carol, "a standup of my own");
        Message third = chat.post(general.id(), bob, "standup moved to ten");
        Message fourth = chat.post(team.id(), alice, "no standup tomorrow");

        SearchQuery standup = SearchQuery.parse("standup");
        assertThat(search.search(standup, Scope.of(alice), null, 2)).containsExactly(fourth, third);
        assertThat(search.search(standup, Scope.of(alice), third.id(), 2)).containsExactly(second, first);
        assertThat(search.search(standup, Scope.of(carol), null, 2)).containsExactly(third, hidden);
    }

    @Test
    void findsNewMessagesAsSoonAsTheyAreStored() {
        Message late = chat.post(general.id(), carol, "Redeploying tonight, café closed");

        List<Message> found = search.search(SearchQuery.parse("deploy cafe"), Scope.of(alice), null, 50);

        assertThat(found).containsExactly(late, corpus[11], corpus[10]);
    }

    @Test
    void anEditedMessageIsFoundByWhatItSaysNow() {
        Message before = corpus[1];
        chat.messages().storeEdit(before, before.edit(alice, new MessageText("We rolled back the API server"),
                T0.plusSeconds(60), null));

        assertThat(find("redeployed", alice)).as("the words the edit removed").isEmpty();
        assertThat(find("deploy", alice)).isEqualTo(List.of(11, 10));
        assertThat(find("rolled back", alice)).isEqualTo(List.of(1));
    }

    @Test
    void aDeletedMessageIsNeverFound() {
        chat.messages().storeDeletion(chat.messages().findById(corpus[5].id()).orElseThrow()
                .delete(bob, java.util.Optional.empty()));
        chat.messages().storeDeletion(chat.messages().findById(corpus[14].id()).orElseThrow()
                .delete(alice, java.util.Optional.empty()));

        assertThat(find("会議", alice)).isEqualTo(List.of(13));
        assertThat(find("明日", alice)).isEmpty();
        assertThat(find("quarterly", alice)).as("a deleted file's name").isEmpty();
    }
}
