package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.chatserver.domain.Message;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Reactions: one per user per message, visible only where the message is. */
class ReactionApiTest extends ChatHttpTestSupport {

    @Test
    void theAvailableReactionsNeedNoToken() {
        MvcTestResult result = mvc.get().uri("/api/reactions/available").exchange();

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).isEqualTo(Map.of("reactions", List.of("👍", "❤️", "😂", "😮", "😢", "😡")));
    }

    @Test
    void addingAnswersTheMessagesReactionsAndTellsTheRoomWithoutAnOrigin() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        Message hello = chat.say(alice, general, "hello");

        MvcTestResult result = react(alice, hello, "👍");

        assertThat(status(result)).isEqualTo(200);
        assertThat(json(result)).isEqualTo(Map.of(
                "message", "Reaction added successfully",
                "reaction_summary", List.of(Map.of("reaction_type", "👍", "count", 1, "users", List.of("alice")))));
        assertThat(chat.published()).filteredOn(RoomEvent.ReactionChanged.class::isInstance)
                .singleElement()
                .satisfies(event -> {
                    RoomEvent.ReactionChanged change = (RoomEvent.ReactionChanged) event;
                    assertThat(change.added()).isTrue();
                    assertThat(change.type()).isEqualTo(ReactionType.THUMBS_UP);
                    assertThat(change.origin()).isNull();
                });
    }

    @Test
    void aSecondReactionReplacesTheFirstAndOthersAddUp() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        Message hello = chat.say(alice, general, "hello");
        react(alice, hello, "👍");
        react(bob, hello, "👍");

        MvcTestResult result = react(alice, hello, "❤");

        assertThat(json(result).get("reaction_summary")).isEqualTo(List.of(
                Map.of("reaction_type", "👍", "count", 1, "users", List.of("bob")),
                Map.of("reaction_type", "❤️", "count", 1, "users", List.of("alice"))));
    }

    @Test
    void theMessagesReactionsIncludeTheCallersOwn() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        User carol = chat.register("carol");
        Room general = chat.createRoom(alice, "General", false);
        Message hello = chat.say(alice, general, "hello");
        react(alice, hello, "😂");
        react(bob, hello, "😂");
        String path = "/api/reactions/message/" + hello.id().value();

        Map<String, Object> forBob = json(getWithToken(mvc, path, tokenOf(bob)));
        Map<String, Object> forCarol = json(getWithToken(mvc, path, tokenOf(carol)));

        assertThat(forBob).containsOnlyKeys("message_id", "reactions", "user_reaction")
                .containsEntry("message_id", (int) hello.id().value())
                .containsEntry("reactions",
                        List.of(Map.of("reaction_type", "😂", "count", 2, "users", List.of("alice", "bob"))))
                .containsEntry("user_reaction", "😂");
        assertThat(forCarol).containsEntry("user_reaction", null);
        Map<String, Object> inHistory = jsonList(getWithToken(mvc, "/api/messages/" + general.id().value(),
                tokenOf(bob))).getFirst();
        assertThat(inHistory).containsEntry("reactions", forBob.get("reactions")).containsEntry("user_reaction", "😂");
    }

    @Test
    void removingTakesTheCallersReactionAwayAndIsHarmlessWhenThereIsNone() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        Message hello = chat.say(alice, general, "hello");
        react(alice, hello, "😮");
        react(bob, hello, "😢");
        String path = "/api/reactions/remove/" + hello.id().value();

        MvcTestResult removed = deleteWithToken(mvc, path, tokenOf(alice));
        MvcTestResult again = deleteWithToken(mvc, path, tokenOf(alice));

        assertThat(status(removed)).isEqualTo(200);
        assertThat(json(removed)).isEqualTo(Map.of(
                "message", "Reaction removed successfully",
                "reaction_summary", List.of(Map.of("reaction_type", "😢", "count", 1, "users", List.of("bob")))));
        assertThat(status(again)).isEqualTo(200);
        assertThat(json(again)).isEqualTo(json(removed));
        assertThat(chat.published()).filteredOn(e -> e instanceof RoomEvent.ReactionChanged change && !change.added())
                .hasSize(1);
    }

    @Test
    void aMessageInARoomTheCallerCannotSeeIs404LikeAMissingOne() {
        User alice = chat.register("alice");
        User mallory = chat.register("mallory");
        Room secret = chat.createRoom(alice, "Secret", true);
        Message psst = chat.say(alice, secret, "psst");
        String token = tokenOf(mallory);
        long id = psst.id().value();

        MvcTestResult add = postJsonWithToken(mvc, "/api/reactions/add", token,
                "{\"message_id\":" + id + ",\"reaction_type\":\"😡\"}");
        MvcTestResult remove = deleteWithToken(mvc, "/api/reactions/remove/" + id, token);
        MvcTestResult get = getWithToken(mvc, "/api/reactions/message/" + id, token);
        MvcTestResult missing = getWithToken(mvc, "/api/reactions/message/999", token);

        for (MvcTestResult result : List.of(add, remove, get, missing)) {
            assertProblem(result, 404, "Message not found");
        }
        assertThat(json(getWithToken(mvc, "/api/reactions/message/" + id, tokenOf(alice))))
                .containsEntry("reactions", List.of());
    }

    @Test
    void reactingToADeletedMessageOrTakingAReactionBackFromItIs409() {
        User alice = chat.register("alice");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        Message gone = chat.say(alice, lobby, "soon gone");
        String token = tokenOf(alice);
        deleteWithToken(mvc, "/api/rooms/" + lobby.id().value() + "/messages/" + gone.id().value(), token);

        assertProblem(postJsonWithToken(mvc, "/api/reactions/add", token,
                "{\"message_id\":" + gone.id().value() + ",\"reaction_type\":\"👍\"}"), 409, "This message was deleted");
        assertProblem(deleteWithToken(mvc, "/api/reactions/remove/" + gone.id().value(), token),
                409, "This message was deleted");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "{\"message_id\":1,\"reaction_type\":\"🙂\"} | reaction_type: reaction_type must be one of 👍 ❤️ 😂 😮 😢 😡",
            "{\"message_id\":1}                          | reaction_type: reaction_type is required",
            "{\"reaction_type\":\"👍\"}                  | message_id: message_id is required",
            "{\"message_id\":0,\"reaction_type\":\"👍\"} | message_id: message_id must be a positive message id",
            "{\"message_id\":\"one\",\"reaction_type\":\"👍\"} | message_id: message_id must be an integer",
            "{\"message_id\":99999999999999999999,\"reaction_type\":\"👍\"} | message_id: message_id is out of range"})
    void aBadReactionRequestIs422(String body, String detail) {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        chat.say(alice, general, "hello");

        MvcTestResult result = postJsonWithToken(mvc, "/api/reactions/add", tokenOf(alice), body);

        assertProblem(result, 422, detail);
    }

    @Test
    void aMessageIdThatCannotBeOneIs422InThePathToo() {
        User alice = chat.register("alice");
        String token = tokenOf(alice);

        MvcTestResult zero = deleteWithToken(mvc, "/api/reactions/remove/0", token);
        MvcTestResult word = getWithToken(mvc, "/api/reactions/message/latest", token);

        assertProblem(zero, 422, "message_id: message_id must be a positive message id");
        assertProblem(word, 422, "message_id: message_id must be an integer");
    }

    /** Whatever the field and wherever it comes (a path, a query, a body), a message id below 1 is refused alike. */
    @Test
    void aMessageIdBelowOneIsRefusedInOneWordingInEveryPlace() {
        User alice = chat.register("alice");
        Room lobby = chat.createRoom(alice, "Lobby", false);
        String token = tokenOf(alice);
        String room = "/api/rooms/" + lobby.id().value();

        assertProblem(getWithToken(mvc, "/api/reactions/message/0", token), 422,
                "message_id: message_id must be a positive message id");
        assertProblem(getWithToken(mvc, room + "/messages/0/seen-by", token), 422,
                "message_id: message_id must be a positive message id");
        assertProblem(getWithToken(mvc, room + "/messages/0/edits", token), 422,
                "message_id: message_id must be a positive message id");
        assertProblem(getWithToken(mvc, "/api/messages/" + lobby.id().value() + "?after=0", token), 422,
                "after: after must be a positive message id");
        assertProblem(getWithToken(mvc, "/api/search?q=hello&before=0", token), 422,
                "before: before must be a positive message id");
        assertProblem(postJsonWithToken(mvc, room + "/mark-read", token, "{\"up_to\":0}"), 422,
                "up_to: up_to must be a positive message id");
        assertProblem(postJsonWithToken(mvc, room + "/messages", token, "{\"content\":\"hi\",\"reply_to\":0}"),
                422, "reply_to: reply_to must be a positive message id");
    }

    @Test
    void reactingNeedsABearerToken() {
        MvcTestResult add = postJson(mvc, "/api/reactions/add", "{\"message_id\":1,\"reaction_type\":\"👍\"}");

        assertThat(status(add)).isEqualTo(401);
        assertThat(status(mvc.delete().uri("/api/reactions/remove/1").exchange())).isEqualTo(401);
        assertThat(status(mvc.get().uri("/api/reactions/message/1").exchange())).isEqualTo(401);
    }

    private MvcTestResult react(User user, Message message, String emoji) {
        return postJsonWithToken(mvc, "/api/reactions/add", tokenOf(user),
                "{\"message_id\":" + message.id().value() + ",\"reaction_type\":\"" + emoji + "\"}");
    }
}
