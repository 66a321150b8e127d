package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.chatserver.adapter.wire.WireTime;
import org.chatserver.domain.Message;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.User;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Read receipts over REST: mark-read up to a message, seen-by, members' positions, sharing them or not. */
class ReadReceiptApiTest extends ChatHttpTestSupport {

    @Test
    void markReadUpToAMessageReadsThatFar() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room room = chat.createRoom(alice, "Lobby", false);
        String bobToken = tokenOf(bob);
        String path = "/api/rooms/" + room.id().value();
        postWithToken(mvc, path + "/join", bobToken);
        Message one = chat.say(alice, room, "one");
        chat.say(alice, room, "two");
        chat.say(alice, room, "three");

        MvcTestResult upToOne = postJsonWithToken(mvc, path + "/mark-read", bobToken,
                "{\"up_to\":" + one.id().value() + "}");
        assertThat(status(upToOne)).isEqualTo(200);
        assertThat(json(upToOne)).isEqualTo(Map.of("message", "Marked 1 messages as read", "read_count", 1));
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", bobToken)).getFirst()).containsEntry("unread_count", 2);

        MvcTestResult rest = postWithToken(mvc, path + "/mark-read", bobToken);
        assertThat(json(rest)).containsEntry("read_count", 2);
        MvcTestResult emptyObject = postJsonWithToken(mvc, path + "/mark-read", bobToken, "{}");
        assertThat(json(emptyObject)).containsEntry("read_count", 0);
    }

    @Test
    void aBadUpToIsRefusedWithADetail() {
        User alice = chat.register("alice");
        Room room = chat.createRoom(alice, "Lobby", false);
        Room other = chat.createRoom(alice, "Other", false);
        Message elsewhere = chat.say(alice, other, "elsewhere");
        String token = tokenOf(alice);
        String path = "/api/rooms/" + room.id().value() + "/mark-read";

        assertProblem(postJsonWithToken(mvc, path, token, "{\"up_to\":" + elsewhere.id().value() + "}"), 404,
                "Message not found");
        assertProblem(postJsonWithToken(mvc, path, token, "{\"up_to\":0}"), 422,
                "up_to: up_to must be a positive message id");
        User bob = chat.register("bob");
        String bobToken = tokenOf(bob);
        postWithToken(mvc, "/api/rooms/" + room.id().value() + "/join", bobToken);
        Message one = chat.say(alice, room, "one");
        chat.say(alice, room, "two");
        for (String key : List.of("upto", "upTo", "UP-TO", "up_too", "p_to", "up_t0")) {
            assertProblem(postJsonWithToken(mvc, path, bobToken, "{\"" + key + "\":" + one.id().value() + "}"), 422,
                    key + ": " + key + " is not a field of this request: send up_to");
        }
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", bobToken))).as("bob's rooms after up_to misspelt")
                .anySatisfy(item -> assertThat(item).containsEntry("id", (int) room.id().value())
                        .containsEntry("unread_count", 2));
        assertThat(json(postJsonWithToken(mvc, path, bobToken, "{\"room_id\":1}"))).as("a key of no meaning here")
                .containsEntry("read_count", 2);
        MvcTestResult notANumber = postJsonWithToken(mvc, path, token, "{\"up_to\":\"soon\"}");
        assertThat(status(notANumber)).isEqualTo(422);
        assertThat((String) json(notANumber).get("detail")).contains("up_to");
    }

    /** Who read what and when, shown to the room's members; a reader not in it gets no positions, and 403 for seen-by. */
    @Test
    void seenByAndTheMembersListShowWhoReadWhatAndWhen() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        User carol = chat.register("carol");
        Room room = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + room.id().value();
        postWithToken(mvc, path + "/join", tokenOf(bob));
        postWithToken(mvc, path + "/join", tokenOf(carol));
        Message hello = chat.say(alice, room, "hello");
        Message later = chat.say(alice, room, "later");

        postJsonWithToken(mvc, path + "/mark-read", tokenOf(carol), "{\"up_to\":" + hello.id().value() + "}");
        String carolReadAt = WireTime.format(chat.now());
        postWithToken(mvc, path + "/mark-read", tokenOf(bob));
        String bobReadAt = WireTime.format(chat.now());
        postWithToken(mvc, path + "/mark-read", tokenOf(alice));

        MvcTestResult seen = getWithToken(mvc, path + "/messages/" + hello.id().value() + "/seen-by", tokenOf(bob));
        assertThat(status(seen)).isEqualTo(200);
        assertThat(jsonList(seen)).as("the sender left out, first reader first").containsExactly(
                Map.of("username", "carol", "read_at", carolReadAt),
                Map.of("username", "bob", "read_at", bobReadAt));
        assertThat(jsonList(getWithToken(mvc, path + "/messages/" + later.id().value() + "/seen-by", tokenOf(bob))))
                .extracting(m -> m.get("username")).containsExactly("bob");

        List<Map<String, Object>> members = jsonList(getWithToken(mvc, path + "/members", tokenOf(bob)));
        assertThat(members).extracting(m -> m.get("username")).containsExactly("alice", "bob", "carol");
        assertThat(members.get(1)).containsEntry("last_read_message_id", (int) later.id().value())
                .containsEntry("read_at", bobReadAt);
        assertThat(members.get(2)).containsEntry("last_read_message_id", (int) hello.id().value())
                .containsEntry("read_at", carolReadAt);

        // a public room's members list is read by anyone signed in; who has read how far is for its members only
        String dave = tokenOf(chat.register("dave"));
        List<Map<String, Object>> asOutsider = jsonList(getWithToken(mvc, path + "/members", dave));
        assertThat(asOutsider).extracting(m -> m.get("username")).containsExactly("alice", "bob", "carol");
        for (int i = 0; i < asOutsider.size(); i++) {
            assertThat(asOutsider.get(i).keySet()).as("the same shape").isEqualTo(members.get(i).keySet());
            assertThat(asOutsider.get(i)).containsEntry("last_read_message_id", null).containsEntry("read_at", null);
        }
        assertProblem(getWithToken(mvc, path + "/messages/" + hello.id().value() + "/seen-by", dave), 403,
                "Only members of the room can see who has read its messages");
    }

    @Test
    void seenByOfAMessageOfAnotherRoomOrAHiddenRoomIsNotFound() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room room = chat.createRoom(alice, "Lobby", false);
        Room secret = chat.createRoom(alice, "Secret", true);
        Message hidden = chat.say(alice, secret, "hidden");

        assertProblem(getWithToken(mvc, "/api/rooms/" + room.id().value() + "/messages/" + hidden.id().value()
                + "/seen-by", tokenOf(bob)), 404, "Message not found");
        assertProblem(getWithToken(mvc, "/api/rooms/" + secret.id().value() + "/messages/" + hidden.id().value()
                + "/seen-by", tokenOf(bob)), 404, "Room not found");
    }

    @Test
    void someoneWhoTurnsSharingOffIsSeenNowhereAndSendsNoReadEvents() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room room = chat.createRoom(alice, "Lobby", false);
        String path = "/api/rooms/" + room.id().value();
        String bobToken = tokenOf(bob);
        postWithToken(mvc, path + "/join", bobToken);
        Message hello = chat.say(alice, room, "hello");

        MvcTestResult off = patchJson("/api/users/me", bobToken, "{\"share_read_receipts\":false}");
        assertThat(status(off)).isEqualTo(200);
        assertThat(json(off)).containsOnlyKeys("id", "username", "created_at", "share_read_receipts")
                .containsEntry("username", "bob").containsEntry("share_read_receipts", false);
        assertThat(json(getWithToken(mvc, "/api/users/me", bobToken))).containsEntry("share_read_receipts", false);

        assertThat(json(postWithToken(mvc, path + "/mark-read", bobToken))).containsEntry("read_count", 1);

        assertThat(jsonList(getWithToken(mvc, path + "/messages/" + hello.id().value() + "/seen-by", tokenOf(alice))))
                .isEmpty();
        Map<String, Object> bobInList = jsonList(getWithToken(mvc, path + "/members", tokenOf(alice))).get(1);
        assertThat(bobInList).containsEntry("username", "bob").containsEntry("last_read_message_id", null)
                .containsEntry("read_at", null);
        assertThat(chat.published()).noneMatch(RoomEvent.ReadMoved.class::isInstance);
        assertThat(jsonList(getWithToken(mvc, "/api/rooms", bobToken)).getFirst()).as("his own count still works")
                .containsEntry("unread_count", 0);

        assertThat(json(patchJson("/api/users/me", bobToken, "{}"))).as("a key left out keeps its value")
                .containsEntry("share_read_receipts", false);
        assertThat(json(patchJson("/api/users/me", bobToken, "{\"share_read_receipts\":true}")))
                .containsEntry("share_read_receipts", true);
        assertThat(jsonList(getWithToken(mvc, path + "/messages/" + hello.id().value() + "/seen-by", tokenOf(alice))))
                .extracting(m -> m.get("username")).containsExactly("bob");
    }

    @Test
    void aBadSettingIsRefusedWithADetail() {
        String token = tokenOf(chat.register("alice"));

        MvcTestResult notABoolean = patchJson("/api/users/me", token, "{\"share_read_receipts\":\"maybe\"}");

        assertThat(status(notABoolean)).isEqualTo(422);
        assertThat((String) json(notABoolean).get("detail")).contains("share_read_receipts");
        assertThat(status(mvc.patch().uri("/api/users/me").contentType(MediaType.APPLICATION_JSON)
                .content("{\"share_read_receipts\":false}").exchange())).isEqualTo(401);
    }

    /**
     * The audit sent {"share_read_receipt": true} and {"share_read_receipts": null}: 200, and nothing changed, so a
     * user who meant to turn read receipts off was still shown reading. A key that is the switch misspelt, and null
     * for it, are refused; other keys are ignored as in every body, and {} changes nothing.
     */
    @Test
    void theReadReceiptSwitchMisspeltOrNullIsRefusedNotIgnored() {
        String token = tokenOf(chat.register("alice"));
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"share_read_receipts\":null}", "share_read_receipts: share_read_receipts must be a boolean");
        for (String key : List.of("share_read_receipt", "shareReadReceipts", "Share-Read-Receipts",
                "share_read_reciepts", "share_reads_receipts", "share_read_receipts ")) {
            refused.put("{\"" + key + "\":false}", key + ": " + key
                    + " is not a field of this request: send share_read_receipts");
        }

        refused.forEach((body, detail) -> {
            MvcTestResult answer = patchJson("/api/users/me", token, body);
            assertThat(status(answer)).as(body).isEqualTo(422);
            assertThat(json(answer).get("detail")).as(body).isEqualTo(detail);
        });

        assertThat(json(getWithToken(mvc, "/api/users/me", token))).containsEntry("share_read_receipts", true);
        MvcTestResult nothing = patchJson("/api/users/me", token, "{}");
        assertThat(status(nothing)).isEqualTo(200);
        assertThat(json(nothing)).containsEntry("share_read_receipts", true);
        assertThat(json(patchJson("/api/users/me", token, "{\"theme\":\"dark\",\"share_read_receipts\":false}")))
                .as("another key beside it").containsEntry("share_read_receipts", false);
    }

    @Test
    void aMoveIsPublishedForTheRoomWithTheReaderAndTheirPosition() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room room = chat.createRoom(alice, "Lobby", false);
        postWithToken(mvc, "/api/rooms/" + room.id().value() + "/join", tokenOf(bob));
        Message hello = chat.say(alice, room, "hello");
        postWithToken(mvc, "/api/rooms/" + room.id().value() + "/mark-read", tokenOf(bob));

        assertThat(chat.published()).filteredOn(RoomEvent.ReadMoved.class::isInstance).singleElement()
                .satisfies(e -> {
                    RoomEvent.ReadMoved read = (RoomEvent.ReadMoved) e;
                    assertThat(read.roomId()).isEqualTo(room.id());
                    assertThat(read.user()).isEqualTo(bob.username());
                    assertThat(read.lastRead()).isEqualTo(hello.id());
                });
    }

    private MvcTestResult patchJson(String path, String token, String body) {
        return mvc.patch().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }
}
