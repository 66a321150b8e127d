package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The room endpoints as the app's room list and "new room" sheet use them. */
class RoomApiTest extends ChatHttpTestSupport {

    @Test
    void theRoomListHasExactlyTheAppsKeysWithANullLastMessageForAnEmptyRoom() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);

        List<Map<String, Object>> rooms = jsonList(getWithToken(mvc, "/api/rooms", tokenOf(alice)));

        assertThat(rooms).hasSize(1);
        Map<String, Object> room = rooms.getFirst();
        assertThat(room).containsOnlyKeys("id", "name", "created_at", "last_message", "unread_count", "is_private",
                "mention_count", "kind", "peer", "is_member")
                .containsEntry("id", (int) general.id().value())
                .containsEntry("name", "General")
                .containsEntry("created_at", "2025-10-04T18:42:42Z")
                .containsEntry("last_message", null)
                .containsEntry("unread_count", 0)
                .containsEntry("is_private", false)
                .containsEntry("kind", "room")
                .containsEntry("peer", null)
                .containsEntry("is_member", true);
    }

    /** The list has public rooms the caller never joined too: a client tells them apart from the caller's own. */
    @Test
    void theRoomListSaysWhichRoomsTheCallerIsAMemberOf() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room open = chat.createRoom(alice, "Open", false);
        String bobs = tokenOf(bob);
        String path = "/api/rooms/" + open.id().value();

        assertThat(jsonList(getWithToken(mvc, "/api/rooms", bobs))).singleElement()
                .satisfies(room -> assertThat(room).containsEntry("name", "Open").containsEntry("is_member", false));
        assertThat(status(postWithToken(mvc, path + "/join", bobs))).isEqualTo(200);
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", bobs))).singleElement()
                .satisfies(room -> assertThat(room).containsEntry("is_member", true));
        assertThat(status(postWithToken(mvc, path + "/leave", bobs))).isEqualTo(200);
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", bobs))).singleElement()
                .satisfies(room -> assertThat(room).containsEntry("is_member", false));
    }

    @Test
    void theListShowsTheLastMessageAndCountsOthersMessagesUntilMarkedRead() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        chat.say(bob, general, "hello");
        Message last = chat.say(bob, general, "anyone here?");
        String aliceToken = tokenOf(alice);

        Map<String, Object> forAlice = jsonList(getWithToken(mvc, "/api/rooms", aliceToken)).getFirst();
        Map<String, Object> forBob = jsonList(getWithToken(mvc, "/api/rooms", tokenOf(bob))).getFirst();

        assertThat(forAlice).containsEntry("unread_count", 2);
        assertThat(forAlice.get("last_message")).isEqualTo(Map.of(
                "message_id", (int) last.id().value(),
                "sender", "bob",
                "message", "anyone here?",
                "message_type", "text",
                "timestamp", "2025-10-04T18:42:44Z"));
        assertThat(forBob).as("own messages are never unread").containsEntry("unread_count", 0);

        MvcTestResult marked = postWithToken(mvc, "/api/rooms/" + general.id().value() + "/mark-read", aliceToken);

        assertThat(status(marked)).isEqualTo(200);
        assertThat(json(marked)).isEqualTo(Map.of("message", "Marked 2 messages as read", "read_count", 2));
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", aliceToken)).getFirst()).containsEntry("unread_count", 0);
        assertThat(json(postWithToken(mvc, "/api/rooms/" + general.id().value() + "/mark-read", aliceToken)))
                .isEqualTo(Map.of("message", "Marked 0 messages as read", "read_count", 0));

        chat.say(bob, general, "one more");
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", aliceToken)).getFirst()).containsEntry("unread_count", 1);
    }

    @Test
    void aFileOnlyLastMessageHasAnEmptyStringNotNull() {
        User alice = chat.register("alice");
        Room photos = chat.createRoom(alice, "Photos", false);
        chat.sendFile(alice, photos, null, "/api/files/3f2a.png", "cat.png", 2048, "image/png");

        Map<String, Object> room = jsonList(getWithToken(mvc, "/api/rooms", tokenOf(alice))).getFirst();

        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) room.get("last_message");
        assertThat(last).containsEntry("message", "").containsEntry("message_type", "image");
    }

    @Test
    void roomsComeNewestFirstAndTheLimitCutsTheList() {
        User alice = chat.register("alice");
        chat.createRoom(alice, "Older", false);
        chat.createRoom(alice, "Newer", false);
        String token = tokenOf(alice);

        assertThat(jsonList(getWithToken(mvc, "/api/rooms", token))).extracting(r -> r.get("name"))
                .containsExactly("Newer", "Older");
        assertThat(jsonList(getWithToken(mvc, "/api/rooms?limit=1", token))).extracting(r -> r.get("name"))
                .containsExactly("Newer");
        assertThat(status(getWithToken(mvc, "/api/rooms?limit=500", token))).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0    | limit: limit must be between 1 and 500",
            "501  | limit: limit must be between 1 and 500",
            "-1   | limit: limit must be between 1 and 500",
            "many | limit: limit must be an integer",
            "0x3  | limit: limit must be an integer"})
    void aListLimitOutOfRangeIs422(String limit, String detail) {
        User alice = chat.register("alice");

        MvcTestResult result = getWithToken(mvc, "/api/rooms?limit=" + limit, tokenOf(alice));

        assertProblem(result, 422, detail);
    }

    @Test
    void createAnswersTheTrimmedRoomWithExactlyItsKeys() {
        User alice = chat.register("alice");
        String token = tokenOf(alice);

        MvcTestResult result = postJsonWithToken(mvc, "/api/rooms", token, "{\"name\":\"  Book Club  \"}");

        assertThat(status(result)).isEqualTo(200);
        Map<String, Object> room = json(result);
        assertThat(room).containsOnlyKeys("id", "name", "created_at", "is_private")
                .containsEntry("name", "Book Club")
                .containsEntry("is_private", false)
                .containsEntry("created_at", "2025-10-04T18:42:42Z");
        assertThat(room.get("id")).isInstanceOf(Integer.class);
        assertThat(json(getWithToken(mvc, "/api/rooms/" + room.get("id"), token))).isEqualTo(room);
    }

    @Test
    void createMakesAPrivateRoomOnRequest() {
        User alice = chat.register("alice");

        MvcTestResult result = postJsonWithToken(mvc, "/api/rooms", tokenOf(alice),
                "{\"name\":\"Secret\",\"private\":true}");

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).containsEntry("is_private", true);
        assertThat(json(postJsonWithToken(mvc, "/api/rooms", tokenOf(alice),
                "{\"name\":\"Board\",\"is_private\":true}"))).as("the answer's key").containsEntry("is_private", true);
        assertThat(json(postJsonWithToken(mvc, "/api/rooms", tokenOf(alice),
                "{\"name\":\"Both\",\"private\":true,\"is_private\":true}"))).containsEntry("is_private", true);
    }

    /** Taking either key would make a room public that its creator may have meant private. */
    @Test
    void privateAndIsPrivateSayingDifferentThingsAreRefused() {
        User alice = chat.register("alice");

        for (String keys : new String[] {"\"private\":false,\"is_private\":true", "\"is_private\":true,\"private\":false"}) {
            assertProblem(postJsonWithToken(mvc, "/api/rooms", tokenOf(alice), "{\"name\":\"Secret\"," + keys + "}"),
                    422, "private: private and is_private say different things: send one");
        }
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", tokenOf(alice)))).as("no room made")
                .noneSatisfy(room -> assertThat(room).containsEntry("name", "Secret"));
    }

    @Test
    void aDuplicateNameIs409IgnoringCase() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        chat.createRoom(alice, "General", false);

        MvcTestResult result = postJsonWithToken(mvc, "/api/rooms", tokenOf(bob), "{\"name\":\" GENERAL \"}");

        assertProblem(result, 409, "Room name already exists");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Ｇｅｎｅｒａｌ",
            "GENERAL\u00a0",
            "ｇｅｎｅｒａｌ",
            "Gen\u034Feral",
            "Gen\uFE0Feral",
            "General\u3164"})
    void aNameThatLooksLikeATakenOneIsTakenToo(String lookalike) {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        chat.createRoom(alice, "General", false);

        MvcTestResult result = postJsonWithToken(mvc, "/api/rooms", tokenOf(bob),
                "{\"name\":\"" + lookalike + "\"}");

        assertProblem(result, 409, "Room name already exists");
    }

    @Test
    void aPrivateRoomsNameDoesNotGiveItAway() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        User carol = chat.register("carol");
        Room secret = chat.createRoom(alice, "Board", true);

        // answered exactly as if no room of that name existed, private or public
        MvcTestResult alsoPrivate = postJsonWithToken(mvc, "/api/rooms", tokenOf(bob),
                "{\"name\":\"BOARD\",\"private\":true}");
        MvcTestResult open = postJsonWithToken(mvc, "/api/rooms", tokenOf(carol), "{\"name\":\"board\"}");

        assertThat(status(alsoPrivate)).isEqualTo(200);
        assertThat(status(open)).isEqualTo(200);
        assertThat(json(open)).containsEntry("name", "board").doesNotContainEntry("id", (int) secret.id().value());
        // whoever can see a room of that name is refused, which tells them nothing new
        assertProblem(postJsonWithToken(mvc, "/api/rooms", tokenOf(alice), "{\"name\":\"Board\"}"), 409,
                "Room name already exists");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "{\"name\":\"Gen\\u200beral\"}     | name: room name must not contain invisible formatting characters",
            "{\"name\":\"\\u202elareneg\"}    | name: room name must not contain invisible formatting characters",
            "{\"name\":\"\\ufeffGeneral\"}    | name: room name must not contain invisible formatting characters",
            "{\"name\":\"\\u3164\"}           | name: room name must contain a visible character",
            "{\"name\":\"\"}              | name: room name must not be empty",
            "{\"name\":\"   \"}           | name: room name must not be empty",
            "{\"name\":\"12345\"}         | name: room name must not consist of digits only",
            "{}                           | name: name is required",
            "{\"name\":{\"a\":1}}         | name: name must be a string",
            "{\"name\":\"x\",\"private\":[]} | private: private must be a boolean"})
    void aBadNameIs422NamingTheField(String body, String detail) {
        User alice = chat.register("alice");

        MvcTestResult result = postJsonWithToken(mvc, "/api/rooms", tokenOf(alice), body);

        assertProblem(result, 422, detail);
    }

    @Test
    void aNameOverSixtyFourCharactersIs422() {
        User alice = chat.register("alice");

        MvcTestResult result = postJsonWithToken(mvc, "/api/rooms", tokenOf(alice),
                "{\"name\":\"" + "n".repeat(65) + "\"}");

        assertProblem(result, 422, "name: room name must be at most 64 characters long");
        assertThat(status(postJsonWithToken(mvc, "/api/rooms", tokenOf(alice),
                "{\"name\":\"" + "n".repeat(64) + "\"}"))).isEqualTo(200);
    }

    @Test
    void anUnknownRoomIs404() {
        User alice = chat.register("alice");

        MvcTestResult result = getWithToken(mvc, "/api/rooms/999", tokenOf(alice));

        assertProblem(result, 404, "Room not found");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0                    | room_id: room id must be positive",
            "-3                   | room_id: room id must be positive",
            "abc                  | room_id: room_id must be an integer",
            "99999999999999999999 | room_id: room_id is out of range",
            "9223372036854775808  | room_id: room_id is out of range",
            // what Java's own number parsing would take for an id: hex, a sign, digits of other scripts, spaces
            "0x3                  | room_id: room_id must be an integer",
            "%231                 | room_id: room_id must be an integer",
            "+1                   | room_id: room_id must be an integer",
            "%D9%A1               | room_id: room_id must be an integer",
            "%EF%BC%91            | room_id: room_id must be an integer",
            "1%20                 | room_id: room_id must be an integer"})
    void aRoomIdThatCannotBeOneIs422(String id, String detail) {
        User alice = chat.register("alice");

        MvcTestResult result = getWithToken(mvc, "/api/rooms/" + id, tokenOf(alice));

        assertProblem(result, 422, detail);
    }

    @Test
    void aPrivateRoomDoesNotExistForANonMember() {
        User alice = chat.register("alice");
        User mallory = chat.register("mallory");
        Room secret = chat.createRoom(alice, "Secret", true);
        chat.createRoom(alice, "Open", false);
        String token = tokenOf(mallory);
        String path = "/api/rooms/" + secret.id().value();

        MvcTestResult get = getWithToken(mvc, path, token);
        MvcTestResult missing = getWithToken(mvc, "/api/rooms/999", token);

        assertThat(status(get)).isEqualTo(404);
        assertThat(without(json(get), "instance")).isEqualTo(without(json(missing), "instance"));
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", token))).extracting(r -> r.get("name"))
                .containsExactly("Open");
        assertThat(status(postWithToken(mvc, path + "/mark-read", token))).isEqualTo(404);
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", tokenOf(alice)))).extracting(r -> r.get("name"))
                .containsExactly("Open", "Secret");
    }

    @Test
    void roomsNeedABearerToken() {
        MvcTestResult result = mvc.get().uri("/api/rooms").exchange();

        assertProblem(result, 401, "Not authenticated");
    }

    private static Map<String, Object> without(Map<String, Object> body, String key) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.remove(key);
        return copy;
    }
}
