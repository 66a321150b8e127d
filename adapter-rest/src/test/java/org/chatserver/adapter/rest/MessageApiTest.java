package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatserver.domain.Message;
import org.chatserver.domain.Room;
import org.chatserver.domain.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A room's history as the app loads it: item shape, order, pages and their bounds. */
class MessageApiTest extends ChatHttpTestSupport {

    @Test
    void aTextMessageHasEveryKeyOfTheItemWithNullFileFields() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        Message hello = chat.say(alice, general, "hello");

        List<Map<String, Object>> items = jsonList(getWithToken(mvc, "/api/messages/" + general.id().value(),
                tokenOf(alice)));

        Map<String, Object> expected = new HashMap<>();
        expected.put("message_id", (int) hello.id().value());
        expected.put("room_id", (int) general.id().value());
        expected.put("sender", "alice");
        expected.put("message", "hello");
        expected.put("message_type", "text");
        expected.put("file_url", null);
        expected.put("file_name", null);
        expected.put("file_size", null);
        expected.put("mime_type", null);
        expected.put("timestamp", "2025-10-04T18:42:43Z");
        expected.put("reactions", List.of());
        expected.put("user_reaction", null);
        expected.put("edited_at", null);
        expected.put("deleted", false);
        expected.put("reply_to", null);
        expected.put("reply_count", 0);
        expected.put("mentions", List.of());
        expected.put("preview_url", null);
        assertThat(items).containsExactly(expected);
    }

    @Test
    void aFileOnlyMessageHasAnEmptyMessageAndTheFileFields() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        chat.sendFile(alice, general, null, "https://chat.example.org/api/files/3f2a.png", "cat.png", 2048,
                "image/png");

        Map<String, Object> item = jsonList(getWithToken(mvc, "/api/messages/" + general.id().value() + "/recent",
                tokenOf(alice))).getFirst();

        assertThat(item).containsEntry("message", "")
                .containsEntry("message_type", "image")
                .containsEntry("file_url", "/api/files/3f2a.png")
                .containsEntry("file_name", "cat.png")
                .containsEntry("file_size", 2048)
                .containsEntry("mime_type", "image/png");
    }

    @Test
    void historyAndRecentAreOldestFirstAndRecentTakesTheNewest() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        List<Integer> ids = say(alice, bob, general, 5);
        String token = tokenOf(bob);
        String path = "/api/messages/" + general.id().value();

        assertThat(idsOf(getWithToken(mvc, path, token))).isEqualTo(ids);
        assertThat(idsOf(getWithToken(mvc, path + "/recent?limit=2", token))).isEqualTo(ids.subList(3, 5));
        assertThat(idsOf(getWithToken(mvc, path + "/recent", token))).isEqualTo(ids);
        assertThat(jsonList(getWithToken(mvc, path, token))).extracting(m -> m.get("sender"))
                .containsExactly("alice", "bob", "alice", "bob", "alice");
    }

    @Test
    void pagesGoBackwardWithBeforeAndForwardWithAfter() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        List<Integer> ids = say(alice, alice, general, 5);
        String token = tokenOf(alice);
        String path = "/api/messages/" + general.id().value();

        assertThat(idsOf(getWithToken(mvc, path + "?before=" + ids.get(3) + "&limit=2", token)))
                .isEqualTo(ids.subList(1, 3));
        assertThat(idsOf(getWithToken(mvc, path + "?before=" + ids.get(1) + "&limit=2", token)))
                .isEqualTo(ids.subList(0, 1));
        assertThat(idsOf(getWithToken(mvc, path + "?after=" + ids.get(1) + "&limit=2", token)))
                .isEqualTo(ids.subList(2, 4));
        assertThat(idsOf(getWithToken(mvc, path + "?after=" + ids.get(4), token))).isEmpty();
        assertThat(idsOf(getWithToken(mvc, path + "?limit=200", token))).isEqualTo(ids);
        assertThat(idsOf(getWithToken(mvc, path + "?limit=1", token))).isEqualTo(ids.subList(4, 5));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "?limit=0               | limit: limit must be between 1 and 200",
            "?limit=201             | limit: limit must be between 1 and 200",
            "/recent?limit=0        | limit: limit must be between 1 and 200",
            "/recent?limit=201      | limit: limit must be between 1 and 200",
            "?limit=ten             | limit: limit must be an integer",
            "?limit=1000000000000   | limit: limit is out of range",
            "?before=9223372036854775808 | before: before is out of range",
            "?before=2&after=1      | before: give before or after, not both",
            "?before=0              | before: before must be a positive message id",
            "?after=-1              | after: after must be a positive message id",
            "?before=last           | before: before must be an integer"})
    void pageBoundsAreCheckedWith422(String query, String detail) {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);

        MvcTestResult result = getWithToken(mvc, "/api/messages/" + general.id().value() + query, tokenOf(alice));

        assertProblem(result, 422, detail);
    }

    @Test
    void anUnknownOrHiddenRoomHasNoHistory() {
        User alice = chat.register("alice");
        User mallory = chat.register("mallory");
        Room secret = chat.createRoom(alice, "Secret", true);
        chat.say(alice, secret, "psst");
        String token = tokenOf(mallory);

        MvcTestResult hidden = getWithToken(mvc, "/api/messages/" + secret.id().value(), token);
        MvcTestResult recent = getWithToken(mvc, "/api/messages/" + secret.id().value() + "/recent", token);
        MvcTestResult missing = getWithToken(mvc, "/api/messages/999", token);

        assertProblem(hidden, 404, "Room not found");
        assertThat(status(recent)).isEqualTo(404);
        assertThat(status(missing)).isEqualTo(404);
        assertThat(text(hidden)).doesNotContain("psst");
    }

    @Test
    void aRoomIdThatCannotBeOneIs422() {
        User alice = chat.register("alice");

        MvcTestResult zero = getWithToken(mvc, "/api/messages/0", tokenOf(alice));
        MvcTestResult word = getWithToken(mvc, "/api/messages/general/recent", tokenOf(alice));

        assertProblem(zero, 422, "room_id: room id must be positive");
        assertProblem(word, 422, "room_id: room_id must be an integer");
    }

    @Test
    void historyNeedsABearerToken() {
        assertThat(status(mvc.get().uri("/api/messages/1").exchange())).isEqualTo(401);
    }

    /** Alternating senders, one second apart; their ids in posting order. */
    private List<Integer> say(User first, User second, Room room, int count) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add((int) chat.say(i % 2 == 0 ? first : second, room, "message " + i).id().value());
        }
        return ids;
    }

    private static List<Object> idsOf(MvcTestResult result) {
        assertThat(status(result)).isEqualTo(200);
        return jsonList(result).stream().map(m -> m.get("message_id")).toList();
    }
}
