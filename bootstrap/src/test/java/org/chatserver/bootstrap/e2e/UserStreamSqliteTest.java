package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
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

    @Test
    void aRestPostThatJoinsAndAPostRightAfterAJoinReachEveryStreamAfterRoomAddedOnceWithoutAGap()
            throws InterruptedException {
        HttpTestClient http = new HttpTestClient(port);
        String alice = signUp(http, "alice" + suffix());
        String bob = signUp(http, "bob" + suffix());
        long room = http.post("/api/rooms", "{\"name\":\"open " + suffix() + "\"}", alice).json().path("id").asLong();
        long other = http.post("/api/rooms", "{\"name\":\"open " + suffix() + "\"}", alice).json().path("id").asLong();
        postedId(http, other, alice, "before bob");

        try (ChatClient phone = ChatClient.connect(userStream(bob, null));
             ChatClient laptop = ChatClient.connect(userStream(bob, null))) {
            phone.next("connected");
            laptop.next("connected");

            var joining = http.post("/api/rooms/" + room + "/messages",
                    "{\"content\":\"joining post\",\"client_id\":\"jp-" + suffix() + "\"}", bob);
            assertThat(joining.status()).isBetween(200, 201);
            long next = postedId(http, room, alice, "next");
            for (ChatClient stream : List.of(phone, laptop)) {
                List<Map<String, Object>> before = stream.until("room_added");
                assertThat(before.getLast()).containsEntry("id", (int) room);
                assertThat(before).as("nothing of the room before its item").noneMatch(f -> isOf(f, room));
                Map<String, Object> first = nextOf(stream, room);
                assertThat(first).as("the post that joined, the room's first frame after its item")
                        .containsEntry("type", "message")
                        .containsEntry("message_id", (int) joining.json().path("message_id").asLong())
                        .containsEntry("message", "joining post");
                Map<String, Object> second = stream.next("message");
                assertThat(second).containsEntry("message_id", (int) next);
                assertThat(cursorsOf(http, room, bob)).as("every change of the room, none left out")
                        .containsExactly(first.get("cursor"), second.get("cursor"));
            }

            // a join, then posts at once: the streams may not have read the room yet
            assertThat(http.post("/api/rooms/" + other + "/join", null, bob).status()).isBetween(200, 204);
            postedId(http, other, alice, "right after");
            postedId(http, other, alice, "and one more");
            for (ChatClient stream : List.of(phone, laptop)) {
                List<Map<String, Object>> frames = stream.until("room_added");
                assertThat(frames.getLast()).containsEntry("id", (int) other);
                assertThat(frames).as("nothing of the room before its item").noneMatch(f -> isOf(f, other));
                long unread = ((Number) frames.getLast().get("unread_count")).longValue();
                List<Map<String, Object>> after = new ArrayList<>();
                do {
                    after.add(stream.next());
                } while (!"and one more".equals(after.getLast().get("message")));
                // past the unread interval (1 s): a coalesced count has gone out
                Thread.sleep(1_500);
                after.addAll(stream.received());
                assertThat(after).filteredOn(f -> "message".equals(f.get("type")) && isOf(f, other))
                        .extracting(f -> f.get("message")).containsExactly("right after", "and one more");
                for (Map<String, Object> frame : after) {
                    if ("unread".equals(frame.get("type")) && isOf(frame, other)) {
                        unread = ((Number) frame.get("unread_count")).longValue();
                    }
                }
                assertThat(unread).as("each counted once, in room_added's counts or after it").isEqualTo(2);
            }
        }
    }

    private static Map<String, Object> nextOf(ChatClient stream, long room) {
        Map<String, Object> frame;
        do {
            frame = stream.next();
        } while (!isOf(frame, room));
        return frame;
    }

    private static boolean isOf(Map<String, Object> frame, long room) {
        return Integer.valueOf((int) room).equals(frame.get("room_id"));
    }

    /** The cursors of the room's changes, as the changes endpoint replays them from the start. */
    private static List<Object> cursorsOf(HttpTestClient http, long room, String token) {
        var changes = http.get("/api/rooms/" + room + "/changes", token).json();
        return java.util.stream.StreamSupport.stream(changes.path("changes").spliterator(), false)
                .map(c -> (Object) c.path("cursor").asString()).toList();
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
