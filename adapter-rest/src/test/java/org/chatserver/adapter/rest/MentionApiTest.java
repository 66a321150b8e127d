package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.chatserver.domain.Message;
import org.chatserver.domain.Room;
import org.chatserver.domain.User;
import org.junit.jupiter.api.Test;

/** Mentions as a client sees them: on the item, in the room list, on GET /api/mentions. */
class MentionApiTest extends ChatHttpTestSupport {

    private Map<String, Object> roomOf(User user, Room room) {
        return jsonList(getWithToken(mvc, "/api/rooms", tokenOf(user))).stream()
                .filter(r -> ((Number) r.get("id")).longValue() == room.id().value())
                .findFirst().orElseThrow();
    }

    private static List<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> item.get("message_id")).toList();
    }

    @Test
    void aMentionIsOnTheItemCountedInTheRoomListAndListed() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        chat.join(InMemoryChat.caller(bob), general.id());

        Message message = chat.say(alice, general, "@Bob, @room and @nobody: lunch?");

        List<Map<String, Object>> history = jsonList(getWithToken(mvc,
                "/api/rooms/" + general.id().value() + "/messages", tokenOf(bob)));
        // alice created the room, so she owns it and may call the room
        assertThat(history.getLast()).containsEntry("mentions", List.of("bob", "room"));
        assertThat(roomOf(bob, general)).containsEntry("mention_count", 1).containsEntry("unread_count", 1);
        assertThat(roomOf(alice, general)).containsEntry("mention_count", 0);
        List<Map<String, Object>> mentions = jsonList(getWithToken(mvc, "/api/mentions", tokenOf(bob)));
        assertThat(ids(mentions)).containsExactly((int) message.id().value());
        assertThat(mentions.getFirst()).containsEntry("room_id", (int) general.id().value())
                .containsEntry("sender", "alice");

        postWithToken(mvc, "/api/rooms/" + general.id().value() + "/mark-read", tokenOf(bob));
        assertThat(roomOf(bob, general)).containsEntry("mention_count", 0);
        assertThat(ids(jsonList(getWithToken(mvc, "/api/mentions", tokenOf(bob))))).hasSize(1);
    }

    @Test
    void mentionsArePagedNewestFirstWithBefore() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        chat.join(InMemoryChat.caller(bob), general.id());
        Message first = chat.say(alice, general, "@bob one");
        Message second = chat.say(alice, general, "@bob two");
        Message third = chat.say(alice, general, "@bob three");

        assertThat(ids(jsonList(getWithToken(mvc, "/api/mentions?limit=2", tokenOf(bob)))))
                .containsExactly((int) third.id().value(), (int) second.id().value());
        assertThat(ids(jsonList(getWithToken(mvc, "/api/mentions?before=" + second.id().value(), tokenOf(bob)))))
                .containsExactly((int) first.id().value());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "?limit=0          | limit: limit must be between 1 and 200",
            "?limit=201        | limit: limit must be between 1 and 200",
            "?before=0         | before: before must be a positive message id",
            "?before=last      | before: before must be an integer"})
    void pageBoundsAreCheckedWith422LikeHistory(String query, String detail) {
        User bob = chat.register("bob");

        assertProblem(getWithToken(mvc, "/api/mentions" + query, tokenOf(bob)), 422, detail);
    }

    @Test
    void withoutATokenThereAreNoMentions() {
        assertThat(status(mvc.get().uri("/api/mentions").exchange())).isEqualTo(401);
    }
}
