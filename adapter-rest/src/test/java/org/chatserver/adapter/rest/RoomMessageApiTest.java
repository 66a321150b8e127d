package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.chatserver.domain.Message;
import org.chatserver.domain.Room;
import org.chatserver.domain.User;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Issue 10 over REST: edit, delete, replies, pins, posting, the history alias and the change log. */
class RoomMessageApiTest extends ChatHttpTestSupport {

    private MvcTestResult patch(String path, String token, String body) {
        return mvc.patch().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }

    private static String messages(Room room) {
        return "/api/rooms/" + room.id().value() + "/messages";
    }

    @Test
    void theAuthorEditsAndEarlierVersionsAreKept() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        Message hello = chat.say(alice, general, "helo");
        String path = messages(general) + "/" + hello.id().value();

        MvcTestResult edited = patch(path, tokenOf(alice), "{\"content\":\"hello\"}");

        assertThat(status(edited)).isEqualTo(200);
        assertThat(json(edited)).containsEntry("message", "hello").containsEntry("edited_at", "2025-10-04T18:42:43Z")
                .containsEntry("message_id", (int) hello.id().value()).containsEntry("deleted", false);
        assertThat(jsonList(getWithToken(mvc, path + "/edits", tokenOf(alice))))
                .containsExactly(Map.of("content", "helo", "edited_at", "2025-10-04T18:42:43Z"));
    }

    @Test
    void editRefusalsHaveTheirStatusAndADetail() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        Message hello = chat.say(alice, general, "hello");
        String path = messages(general) + "/" + hello.id().value();

        assertProblem(patch(path, tokenOf(bob), "{\"content\":\"x\"}"), 403, "Only the author of a message can edit it");
        assertProblem(patch(messages(general) + "/999", tokenOf(alice), "{\"content\":\"x\"}"), 404, "Message not found");
        assertThat(status(patch(path, tokenOf(alice), "{}"))).isEqualTo(422);
        assertThat(status(patch(path, tokenOf(alice), "{\"content\":\" \"}"))).isEqualTo(422);
        assertThat(status(patch(messages(general) + "/0", tokenOf(alice), "{\"content\":\"x\"}"))).isEqualTo(422);

        assertThat(status(deleteWithToken(mvc, path, tokenOf(alice)))).isEqualTo(200);
        assertProblem(patch(path, tokenOf(alice), "{\"content\":\"x\"}"), 409, "This message was deleted");
    }

    @Test
    void aDeletedMessageStaysInTheHistoryAsATombstone() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        Message oops = chat.say(bob, general, "oops");
        String path = messages(general) + "/" + oops.id().value();

        assertProblem(deleteWithToken(mvc, path, tokenOf(chat.register("carol"))), 403,
                "Only the author of a message, or the room's owner or a moderator, can delete it");
        MvcTestResult deleted = deleteWithToken(mvc, path, tokenOf(bob));

        assertThat(status(deleted)).isEqualTo(200);
        Map<String, Object> item = jsonList(getWithToken(mvc, "/api/messages/" + general.id().value(),
                tokenOf(alice))).getFirst();
        assertThat(item).containsEntry("deleted", true).containsEntry("message", "").containsEntry("file_url", null)
                .containsEntry("reactions", List.of());
        assertProblem(deleteWithToken(mvc, path, tokenOf(bob)), 409, "This message was deleted");
        assertThat(jsonList(getWithToken(mvc, path + "/edits", tokenOf(alice)))).isEmpty();
    }

    @Test
    void postingOverRestIsIdempotentOnClientIdAndMayReply() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        Message question = chat.say(alice, general, "lunch?");
        String body = "{\"content\":\"yes\",\"client_id\":\"bot-1\",\"reply_to\":" + question.id().value() + "}";

        MvcTestResult first = postJsonWithToken(mvc, messages(general), tokenOf(alice), body);
        MvcTestResult again = postJsonWithToken(mvc, messages(general), tokenOf(alice), body);

        assertThat(status(first)).isEqualTo(200);
        assertThat(json(again).get("message_id")).isEqualTo(json(first).get("message_id"));
        assertThat(json(first)).containsEntry("message", "yes").containsEntry("reply_to",
                Map.of("message_id", (int) question.id().value(), "sender", "alice", "message", "lunch?"));
        List<Map<String, Object>> history = jsonList(getWithToken(mvc, messages(general), tokenOf(alice)));
        assertThat(history).hasSize(2);
        assertThat(history.getFirst()).containsEntry("reply_count", 1);
        assertThat(jsonList(getWithToken(mvc, messages(general) + "/" + question.id().value() + "/replies",
                tokenOf(alice)))).extracting(m -> m.get("message")).containsExactly("yes");
    }

    /**
     * The audit's resend: bob posts with client_id rx1, alice reacts, bob edits, bob posts rx1 again. The answer had
     * the edited text but reactions [], and a client reconciling with it wiped the reaction it showed.
     */
    @Test
    void theResendIsAnsweredWithTheMessageAsHistoryShowsItReactionsIncluded() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        String body = "{\"content\":\"helo\",\"client_id\":\"rx1\"}";
        Object id = json(postJsonWithToken(mvc, messages(general), tokenOf(bob), body)).get("message_id");
        assertThat(status(postJsonWithToken(mvc, "/api/reactions/add", tokenOf(alice),
                "{\"message_id\":" + id + ",\"reaction_type\":\"😂\"}"))).isEqualTo(200);
        assertThat(status(postJsonWithToken(mvc, "/api/reactions/add", tokenOf(bob),
                "{\"message_id\":" + id + ",\"reaction_type\":\"👍\"}"))).isEqualTo(200);
        assertThat(status(patch(messages(general) + "/" + id, tokenOf(bob), "{\"content\":\"hello\"}")))
                .isEqualTo(200);

        Map<String, Object> again = json(postJsonWithToken(mvc, messages(general), tokenOf(bob), body));

        Map<String, Object> inHistory = jsonList(getWithToken(mvc, messages(general), tokenOf(bob))).getFirst();
        assertThat(again).containsEntry("message_id", id).containsEntry("message", "hello")
                .containsEntry("reactions", List.of(
                        Map.of("reaction_type", "👍", "count", 1, "users", List.of("bob")),
                        Map.of("reaction_type", "😂", "count", 1, "users", List.of("alice"))))
                .containsEntry("user_reaction", "👍");
        assertThat(again).as("the resend's answer against history").isEqualTo(inHistory);
    }

    @Test
    void badPostsAre422WithTheFieldNamed() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        Room other = chat.createRoom(alice, "Other", false);
        Message elsewhere = chat.say(alice, other, "elsewhere");

        assertProblem(postJsonWithToken(mvc, messages(general), tokenOf(alice), "{\"content\":\"\"}"), 422,
                "content: a message needs content or a file");
        assertProblem(postJsonWithToken(mvc, messages(general), tokenOf(alice),
                "{\"content\":\"x\",\"reply_to\":" + elsewhere.id().value() + "}"), 422,
                "reply_to: reply_to must be a message of the same room");
        assertThat(status(postJsonWithToken(mvc, messages(general), tokenOf(alice),
                "{\"content\":\"x\",\"client_id\":true}"))).isEqualTo(422);
        // the WebSocket says the same of the same frame (InboundFrameTest)
        assertProblem(postJsonWithToken(mvc, messages(general), tokenOf(alice),
                "{\"content\":\"x\",\"client_id\":1.5}"), 422, "client_id: client_id must be a string or an integer");
        assertProblem(postJsonWithToken(mvc, messages(general), tokenOf(alice),
                "{\"content\":\"x\",\"reply_to\":9223372036854775808}"), 422, "reply_to: reply_to is out of range");
        // the size and type a client claims for its file are ignored, but only once they have the form documented
        assertProblem(postJsonWithToken(mvc, messages(general), tokenOf(alice),
                "{\"content\":\"x\",\"file_size\":-1}"), 422, "file_size: file_size must not be negative");
        assertProblem(postJsonWithToken(mvc, messages(general), tokenOf(alice),
                "{\"content\":\"x\",\"mime_type\":\"bad\"}"), 422, "mime_type: mime_type must look like type/subtype");
        assertProblem(postJsonWithToken(mvc, messages(general), tokenOf(alice),
                "{\"content\":\"x\",\"attachment\":{\"size\":-5}}"), 422, "file_size: file_size must not be negative");
    }

    @Test
    void theHistoryAliasAnswersTheSamePages() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        for (int i = 0; i < 5; i++) {
            chat.say(alice, general, "m" + i);
        }

        for (String query : List.of("", "?limit=2", "?before=3&limit=1", "?after=2")) {
            assertThat(text(getWithToken(mvc, messages(general) + query, tokenOf(alice))))
                    .isEqualTo(text(getWithToken(mvc, "/api/messages/" + general.id().value() + query, tokenOf(alice))));
        }
        assertThat(status(getWithToken(mvc, messages(general) + "?limit=0", tokenOf(alice)))).isEqualTo(422);
    }

    @Test
    void theOwnerPinsNewestFirstAndMembersMayNot() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        Room general = chat.createRoom(alice, "General", false);
        Message first = chat.say(bob, general, "first");
        Message second = chat.say(bob, general, "second");

        assertProblem(postWithToken(mvc, messages(general) + "/" + first.id().value() + "/pin", tokenOf(bob)), 403,
                "Only the room's owner or a moderator can pin or unpin messages");
        assertThat(json(postWithToken(mvc, messages(general) + "/" + first.id().value() + "/pin", tokenOf(alice))))
                .containsEntry("pinned_by", "alice").containsEntry("message", "first");
        postWithToken(mvc, messages(general) + "/" + second.id().value() + "/pin", tokenOf(alice));

        String pins = "/api/rooms/" + general.id().value() + "/pins";
        assertThat(jsonList(getWithToken(mvc, pins, tokenOf(bob)))).extracting(m -> m.get("message"))
                .containsExactlyInAnyOrder("second", "first");
        assertThat(status(deleteWithToken(mvc, messages(general) + "/" + second.id().value() + "/pin",
                tokenOf(alice)))).isEqualTo(200);
        assertThat(jsonList(getWithToken(mvc, pins, tokenOf(bob)))).extracting(m -> m.get("message"))
                .containsExactly("first");
    }

    @Test
    void theChangeLogPagesEveryChangeWithACursor() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        Message hello = chat.say(alice, general, "helo");
        patch(messages(general) + "/" + hello.id().value(), tokenOf(alice), "{\"content\":\"hello\"}");
        Message bye = chat.say(alice, general, "bye");
        deleteWithToken(mvc, messages(general) + "/" + bye.id().value(), tokenOf(alice));
        String changes = "/api/rooms/" + general.id().value() + "/changes";

        Map<String, Object> all = json(getWithToken(mvc, changes, tokenOf(alice)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> frames = (List<Map<String, Object>>) all.get("changes");
        assertThat(frames).extracting(f -> f.get("type"))
                .containsExactly("message", "message_edited", "message_deleted");
        assertThat(frames.get(1)).containsEntry("message", "hello").containsKey("cursor");
        assertThat(frames.get(2)).containsEntry("message_id", (int) bye.id().value())
                .containsEntry("deleted_by", "alice");
        assertThat(all).containsEntry("has_more", false).containsEntry("cursor", frames.get(2).get("cursor"));

        Map<String, Object> page = json(getWithToken(mvc, changes + "?limit=1", tokenOf(alice)));
        assertThat(page).containsEntry("has_more", true);
        Map<String, Object> next = json(getWithToken(mvc, changes + "?limit=1&since=" + page.get("cursor"),
                tokenOf(alice)));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nextFrames = (List<Map<String, Object>>) next.get("changes");
        assertThat(nextFrames).extracting(f -> f.get("type")).containsExactly("message_edited");

        assertProblem(getWithToken(mvc, changes + "?since=12", tokenOf(alice)), 422,
                "since: since must be a cursor from this server");
        assertProblem(getWithToken(mvc, changes + "?since=c9223372036854775808", tokenOf(alice)), 422,
                "since: since must be a cursor from this server");
        assertThat(status(getWithToken(mvc, changes + "?limit=501", tokenOf(alice)))).isEqualTo(422);
    }

    /**
     * {@code since} takes the cursor as the server wrote it, as the room's socket does: the same number with spaces
     * ({@code +} in a query is one), a sign or leading zeros is refused saying so, not taken as that cursor.
     */
    @Test
    void aCursorNotWrittenAsTheServerWritesItIsRefusedSayingSo() {
        User alice = chat.register("alice");
        Room general = chat.createRoom(alice, "General", false);
        chat.say(alice, general, "one");
        chat.say(alice, general, "two");
        String changes = "/api/rooms/" + general.id().value() + "/changes";
        String cursor = (String) json(getWithToken(mvc, changes + "?limit=1", tokenOf(alice))).get("cursor");
        assertThat(status(getWithToken(mvc, changes + "?since=" + cursor, tokenOf(alice)))).isEqualTo(200);

        for (String loose : List.of("%20" + cursor, cursor + "%20", "+" + cursor, "%2B" + cursor,
                "c0" + cursor.substring(1), "c%2B" + cursor.substring(1))) {
            assertProblem(getAsIs(changes + "?since=" + loose, tokenOf(alice)), 422,
                    "since: since must be written as this server writes it, without spaces, a sign or leading zeros "
                            + "(c815, not c0815)");
        }
        assertThat(status(getAsIs(changes + "?since=%20", tokenOf(alice)))).as("blank: none").isEqualTo(200);
    }

    /** A GET of the target as it is, percent-escapes included (a URI template's would be escaped again). */
    private MvcTestResult getAsIs(String target, String token) {
        return mvc.get().uri(URI.create(target)).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }
}
