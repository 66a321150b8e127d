package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatserver.domain.Message;
import org.chatserver.domain.Room;
import org.chatserver.domain.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** GET /api/search as a client uses it: what it finds, the item and highlight it shows, pages, refusals. */
class SearchApiTest extends ChatHttpTestSupport {

    private MvcTestResult search(User caller, Map<String, String> parameters) {
        var request = mvc.get().uri("/api/search").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokenOf(caller));
        parameters.forEach((name, value) -> request.param(name, value));
        return request.exchange();
    }

    private MvcTestResult search(User caller, String q) {
        return search(caller, Map.of("q", q));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(MvcTestResult result) {
        assertThat(status(result)).as("status").isEqualTo(200);
        return (List<Map<String, Object>>) json(result).get("results");
    }

    private static List<Integer> ids(MvcTestResult result) {
        return results(result).stream().map(item -> (Integer) item.get("message_id")).toList();
    }

    private static int id(Message message) {
        return (int) message.id().value();
    }

    @Test
    void aResultIsTheHistoryItemWithAHighlight() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        Message message = chat.say(alice, general, "Meet at the <Café> & \"bar\"");

        MvcTestResult result = search(alice, "CAFE");

        Map<String, Object> expected = new HashMap<>();
        expected.put("message_id", id(message));
        expected.put("room_id", (int) general.id().value());
        expected.put("sender", "alice");
        expected.put("message", "Meet at the <Café> & \"bar\"");
        expected.put("message_type", "text");
        expected.put("file_url", null);
        expected.put("file_name", null);
        expected.put("file_size", null);
        expected.put("mime_type", null);
        expected.put("timestamp", "2025-10-04T18:42:43Z");
        expected.put("reactions", List.of());
        expected.put("user_reaction", null);
        // issue 10's keys: a search hit is the same item as in history
        expected.put("edited_at", null);
        expected.put("deleted", false);
        expected.put("reply_to", null);
        expected.put("reply_count", 0);
        // issue 11's
        expected.put("mentions", List.of());
        expected.put("preview_url", null);
        expected.put("highlight", "Meet at the &lt;<mark>Café</mark>&gt; &amp; &quot;bar&quot;");
        assertThat(results(result)).containsExactly(expected);
        assertThat(json(result)).containsEntry("next_before", null);
    }

    @Test
    void findsSubstringsAndCjkAndMarksEveryHit() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        Message japanese = chat.say(alice, general, "明日の会議は10時");
        Message english = chat.say(alice, general, "We redeployed; deploy again?");

        assertThat(ids(search(alice, "会議"))).containsExactly(id(japanese));
        assertThat(results(search(alice, "会議")).getFirst()).containsEntry("highlight", "明日の<mark>会議</mark>は10時");
        assertThat(results(search(alice, "deploy")).getFirst())
                .containsEntry("highlight", "We re<mark>deploy</mark>ed; <mark>deploy</mark> again?");
        assertThat(ids(search(alice, "\"deploy again\""))).containsExactly(id(english));
    }

    @Test
    void aFileIsFoundByItsNameAndTheNameIsHighlighted() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        Message file = chat.sendFile(alice, general, null, "/api/files/3f2a.pdf", "Quarterly <Report>.pdf", 2048,
                "application/pdf");

        Map<String, Object> item = results(search(alice, "report")).getFirst();

        assertThat(item).containsEntry("message_id", id(file))
                .containsEntry("file_name", "Quarterly <Report>.pdf")
                .containsEntry("highlight", "Quarterly &lt;<mark>Report</mark>&gt;.pdf");
    }

    @Test
    void neverFindsWhatTheCallerCannotSee() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        Room hidden = chat.createRoom(alice, "Hidden", true);
        Message open = chat.say(alice, general, "launch plan");
        Message secret = chat.say(alice, hidden, "secret launch plan");

        assertThat(ids(search(alice, "launch"))).containsExactly(id(secret), id(open));
        assertThat(ids(search(bob, "launch"))).containsExactly(id(open));
        assertThat(ids(search(bob, Map.of("q", "launch", "room_id", "" + hidden.id().value())))).isEmpty();
    }

    @Test
    void narrowsToARoomAndASender() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        Room random = chat.createRoom(alice, "Random", false);
        Message first = chat.say(alice, general, "lunch?");
        Message second = chat.say(bob, general, "lunch!");
        Message third = chat.say(bob, random, "lunch.");

        assertThat(ids(search(alice, Map.of("q", "lunch", "room_id", "" + general.id().value()))))
                .containsExactly(id(second), id(first));
        assertThat(ids(search(alice, Map.of("q", "lunch", "from", "bob")))).containsExactly(id(third), id(second));
        assertThat(ids(search(alice, Map.of("q", "lunch", "from", "nobody")))).isEmpty();
    }

    @Test
    void pagesNewestFirstWithNextBefore() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        List<Integer> ids = List.of(id(chat.say(alice, general, "note 1")), id(chat.say(alice, general, "note 2")),
                id(chat.say(alice, general, "note 3")));

        MvcTestResult first = search(alice, Map.of("q", "note", "limit", "2"));
        assertThat(ids(first)).containsExactly(ids.get(2), ids.get(1));
        assertThat(json(first)).containsEntry("next_before", ids.get(1));

        MvcTestResult second = search(alice, Map.of("q", "note", "limit", "2", "before", "" + ids.get(1)));
        assertThat(ids(second)).containsExactly(ids.get(0));
        assertThat(json(second)).containsEntry("next_before", null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            q=x                 | q: q must be at least 2 characters long
            q=                  | q: q must be at least 2 characters long
            limit=5             | q: q must be at least 2 characters long
            q=会                 | q: q must be at least 2 characters long
            'q=\"\" * -'        | 'q: q must contain something to look for, not only spaces and operators (\"*()+-|&!^~:)'
            q=a*                | q: q must contain a word or phrase of at least 2 characters (accents, marks and operators aside)
            q=ok&limit=0        | limit: limit must be between 1 and 100
            q=ok&limit=101      | limit: limit must be between 1 and 100
            q=ok&limit=many     | limit: limit must be an integer
            q=ok&before=0       | before: before must be a positive message id
            q=ok&room_id=abc    | room_id: room_id must be an integer
            q=ok&room_id=-1     | room_id: room id must be positive
            q=ok&from=a b       | from: from must be a username
            """)
    void badInputIs422WithADetail(String query, String detail) {
        User alice = chat.register("alice");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
        }

        assertProblem(search(alice, parameters), 422, detail);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApiDocsDescribeSearchAndItsResultItem() {
        Map<String, Object> docs = json(mvc.get().uri("/v3/api-docs").exchange());

        Map<String, Object> search = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) docs
                .get("paths")).get("/api/search")).get("get");
        assertThat((List<Map<String, Object>>) search.get("parameters")).extracting(p -> p.get("name"))
                .containsExactly("q", "room_id", "from", "before", "limit");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) docs.get("components")).get("schemas");
        Map<String, Object> item = (Map<String, Object>) ((Map<String, Object>) schemas.get("SearchResultItem"))
                .get("properties");
        assertThat(item).as("the history item's keys and the highlight, side by side")
                .containsKeys("message_id", "message", "file_name", "reactions", "highlight").doesNotContainKey("item");
    }

    @Test
    void needsAToken() {
        MvcTestResult result = mvc.get().uri("/api/search").param("q", "hello").exchange();

        assertThat(status(result)).isEqualTo(401);
    }
}
