package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chatserver.adapter.websocket.ChatClient;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 11's {@code /ws/user} on the embedded server (SQLite, in-process fan-out and presence): a DM
 * opened by the peer appears on the stream, with the peer's presence; the peer's messages arrive with
 * their room and unread counts; a resume with a cursor per room replays what was missed, once; a
 * read over REST sets the counts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UserStreamSqliteTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("user-stream-sqlite-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }

    @Test
    void aDirectMessageOpenedByThePeerItsMessagesAResumeAndAReadOnOneConnection() {
        HttpTestClient http = new HttpTestClient(port);
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String alice = signUp(http, aliceName);
        String bob = signUp(http, bobName);

        long dm;
        String cursor;
        try (ChatClient stream = ChatClient.connect(userStream(bob, null))) {
            assertThat(stream.next()).containsEntry("type", "connected").containsEntry("rooms", List.of());

            dm = http.post("/api/dms", "{\"username\":\"" + bobName + "\"}", alice).json().path("id").asLong();
            assertThat(stream.next()).containsEntry("type", "room_added").containsEntry("id", (int) dm)
                    .containsEntry("kind", "dm").containsEntry("peer", aliceName);

            try (ChatClient aliceInDm = ChatClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + dm
                    + "?token=" + alice))) {
                aliceInDm.next("connected");
                assertThat(stream.next("presence")).containsEntry("username", aliceName)
                        .containsEntry("status", "online").containsKey("last_seen");

                aliceInDm.send(Map.of("type", "message", "content", "hi bob"));
                Map<String, Object> message = stream.next("message");
                assertThat(message).containsEntry("room_id", (int) dm).containsEntry("message", "hi bob");
                cursor = (String) message.get("cursor");
                assertThat(stream.next()).isEqualTo(Map.of("type", "unread", "room_id", (int) dm,
                        "unread_count", 1, "mention_count", 0));
            }
        }

        post(http, dm, alice, "while you were away");
        post(http, dm, alice, "and again");

        try (ChatClient stream = ChatClient.connect(userStream(bob, dm + ":" + cursor))) {
            Map<String, Object> connected = stream.next();
            assertThat(connected).containsEntry("type", "connected");
            assertThat(((List<?>) connected.get("rooms"))).hasSize(1);
            assertThat(stream.next("message")).containsEntry("message", "while you were away");
            assertThat(stream.next("message")).containsEntry("message", "and again");

            assertThat(http.post("/api/rooms/" + dm + "/mark-read", null, bob).status()).isEqualTo(200);
            assertThat(stream.next("unread")).isEqualTo(Map.of("type", "unread", "room_id", (int) dm,
                    "unread_count", 0, "mention_count", 0));
            assertThat(stream.received()).extracting(f -> f.get("type")).doesNotContain("message");
        }
    }

    @Test
    void aRestPostJoinsAndIsAnnouncedAndADeletionOrAMentionEditMovesTheCountsAsTheRoomListHasThem() {
        HttpTestClient http = new HttpTestClient(port);
        String alice = signUp(http, "alice" + suffix());
        String bobName = "bob" + suffix();
        String bob = signUp(http, bobName);
        long room = http.post("/api/rooms", "{\"name\":\"open " + suffix() + "\"}", alice).json().path("id").asLong();
        long early = postedId(http, room, alice, "before bob");

        try (ChatClient stream = ChatClient.connect(userStream(bob, null))) {
            assertThat(stream.next()).containsEntry("type", "connected").containsEntry("rooms", List.of());

            post(http, room, bob, "hello, new here");
            assertThat(stream.next()).containsEntry("type", "room_added").containsEntry("id", (int) room)
                    .containsEntry("unread_count", 0);

            long hi = postedId(http, room, alice, "hi @" + bobName);
            assertThat(stream.next("unread")).containsEntry("unread_count", 1).containsEntry("mention_count", 1);
            assertThat(http.patch("/api/rooms/" + room + "/messages/" + hi, "{\"content\":\"hi\"}", alice).status())
                    .isEqualTo(200);
            assertThat(stream.next("unread")).containsEntry("unread_count", 1).containsEntry("mention_count", 0);
            assertThat(http.delete("/api/rooms/" + room + "/messages/" + hi, alice).status()).isBetween(200, 204);
            assertThat(stream.next("unread")).containsEntry("unread_count", 0).containsEntry("mention_count", 0);
        }
        assertThat(http.delete("/api/rooms/" + room + "/messages/" + early, alice).status()).isBetween(200, 204);

        var listed = java.util.stream.StreamSupport.stream(http.get("/api/rooms?limit=500", bob).json().spliterator(),
                false).filter(r -> r.path("id").asLong() == room).findFirst().orElseThrow();
        assertThat(listed.path("unread_count").asInt()).isZero();
        assertThat(listed.path("mention_count").asInt()).isZero();
        assertThat(listed.path("last_message").path("message").asString()).isEqualTo("hello, new here");
    }

    private static long postedId(HttpTestClient http, long room, String token, String text) {
        var response = http.post("/api/rooms/" + room + "/messages", "{\"content\":\"" + text + "\"}", token);
        assertThat(response.status()).isBetween(200, 201);
        return response.json().path("message_id").asLong();
    }

    private static void post(HttpTestClient http, long room, String token, String text) {
        assertThat(http.post("/api/rooms/" + room + "/messages", "{\"content\":\"" + text + "\"}", token)
                .status()).isBetween(200, 201);
    }

    private URI userStream(String token, String since) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/user?token=" + token + (since == null ? "" : "&since=" + since));
    }

    private static String signUp(HttpTestClient http, String name) {
        return http.post("/api/auth/signup", AuthFlowContract.credentials(name, "correct horse"), null)
                .text("access_token");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
