package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chatserver.adapter.websocket.ChatClient;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole life of a chat, as two people would live it, against the whole embedded server over
 * real HTTP and real WebSockets: sign up, create a room, both connect, chat, react, read the
 * history, search, drop and resume with {@code since}, mark read, see unread counts, log out.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LifecycleScenarioTest {

    @LocalServerPort
    int port;

    HttpTestClient http;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("lifecycle-scenario-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    @Test
    void twoPeopleChat() {
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String alice = signUp(aliceName);
        http.post("/api/auth/signup", AuthFlowContract.credentials(bobName, "correct horse"), null);
        String bob = http.post("/api/auth/login", AuthFlowContract.credentials(bobName, "correct horse"), null)
                .text("access_token");
        String roomName = "Lobby-" + suffix();
        var created = http.post("/api/rooms", "{\"name\":\"" + roomName + "\"}", alice);
        assertThat(created.status()).isEqualTo(200);
        long roomId = created.json().path("id").asLong();

        long lastSeenByBob;
        try (ChatClient a = ChatClient.connect(ws(roomName.toLowerCase(), alice, null))) {
            // the handshake completes before the server starts watching: wait for "connected", or bob
            // may join before alice listens and she would rightly never hear of it
            assertThat(a.next()).containsEntry("type", "connected").containsEntry("room_name", roomName);
            ChatClient b = ChatClient.connect(ws(String.valueOf(roomId), bob, null));
            assertThat(b.next()).containsEntry("type", "connected");
            assertThat(a.next("user_joined")).containsEntry("sender", bobName);

            a.send(Map.of("type", "message", "content", "hello bob", "client_id", "c-1"));
            Map<String, Object> ack = a.next("ack");
            long first = ((Number) ack.get("message_id")).longValue();
            assertThat(ack).containsEntry("client_id", "c-1");
            Map<String, Object> received = b.next("message");
            assertThat(received).containsEntry("message", "hello bob").containsEntry("sender", aliceName)
                    .containsEntry("message_type", "text").containsEntry("reactions", List.of());
            assertThat(((Number) received.get("message_id")).longValue()).isEqualTo(first);

            // the app resends after a network hiccup: same client_id, same message, nothing new for bob
            a.send(Map.of("type", "message", "content", "hello bob", "client_id", "c-1"));
            assertThat(((Number) a.next("ack").get("message_id")).longValue()).isEqualTo(first);
            b.sendBinary("{\"type\":\"message\",\"content\":\"hi alice\"}");
            assertThat(b.next("ack")).containsKey("message_id");
            assertThat(a.next("message")).containsEntry("message", "hi alice");

            b.send(Map.of("type", "reaction", "message_id", first, "reaction_type", "👍", "action", "add"));
            assertThat(a.next("reaction_added")).containsEntry("sender", bobName);
            Map<String, Object> toSelf = b.next("reaction_added");
            assertThat(toSelf.get("reaction_summary")).asList().hasSize(1);

            JsonNode history = http.get("/api/messages/" + roomId, bob).json();
            assertThat(history).hasSize(2);
            assertThat(history.get(0).path("message").asString()).isEqualTo("hello bob");
            assertThat(history.get(0).path("user_reaction").asString()).isEqualTo("👍");
            assertThat(history.get(0).path("reactions").get(0).path("users").get(0).asString()).isEqualTo(bobName);
            assertThat(history.get(1).path("timestamp").asString()).endsWith("Z");
            lastSeenByBob = history.get(1).path("message_id").asLong();

            // search finds it as soon as it is stored: the history's item, plus the hit marked
            JsonNode found = http.get("/api/search?q=HELLO&room_id=" + roomId, bob).json();
            assertThat(found.path("results")).hasSize(1);
            assertThat(found.path("results").get(0).path("message_id").asLong()).isEqualTo(first);
            assertThat(found.path("results").get(0).path("user_reaction").asString()).isEqualTo("👍");
            assertThat(found.path("results").get(0).path("highlight").asString()).isEqualTo("<mark>hello</mark> bob");
            assertThat(found.path("next_before").isNull()).isTrue();
            b.close();
        }

        // bob is away while alice writes; he comes back with the last id he saw
        try (ChatClient a = ChatClient.connect(ws(roomName, alice, null))) {
            a.next("connected");
            a.send(Map.of("type", "message", "content", "while you were away 1"));
            a.next("ack");
            a.send(Map.of("type", "message", "content", "while you were away 2"));
            a.next("ack");

            try (ChatClient b = ChatClient.connect(ws(roomName, bob, lastSeenByBob))) {
                assertThat(b.next()).containsEntry("type", "connected");
                assertThat(b.next("message")).containsEntry("message", "while you were away 1");
                assertThat(b.next("message")).containsEntry("message", "while you were away 2");
                a.next("user_joined");
                a.send(Map.of("type", "message", "content", "welcome back"));
                assertThat(b.next("message")).containsEntry("message", "welcome back");
            }
            // alice's own first connection may be announced as leaving too (another device of hers)
            Map<String, Object> left = a.next("user_left");
            if (!bobName.equals(left.get("sender"))) {
                left = a.next("user_left");
            }
            assertThat(left).containsEntry("sender", bobName);
        }

        JsonNode bobsRooms = http.get("/api/rooms", bob).json();
        JsonNode lobby = find(bobsRooms, roomId);
        assertThat(lobby.path("unread_count").asLong()).isEqualTo(4);
        assertThat(lobby.path("last_message").path("message").asString()).isEqualTo("welcome back");

        var read = http.post("/api/rooms/" + roomId + "/mark-read", null, bob);
        assertThat(read.text("message")).isEqualTo("Marked 4 messages as read");
        assertThat(find(http.get("/api/rooms", bob).json(), roomId).path("unread_count").asLong()).isZero();

        try (ChatClient stillOpen = ChatClient.connect(ws(roomName, alice, null))) {
            stillOpen.next("connected");
            assertThat(http.post("/api/auth/logout", null, alice).status()).isEqualTo(200);
            // the logout ends the session's open sockets too, not only its tokens
            assertThat(stillOpen.closeStatus()).isEqualTo("1008 Session ended");
        }
        assertThat(ChatClient.refusal(ws(roomName, alice, null), null)).isEqualTo(403);
    }

    /**
     * Issue 10: messages that live. Edit, reply, pin and delete reach both people as their own frames
     * (never as a {@code message}), and someone who was away gets every change made meanwhile when
     * resuming from the cursor of the last frame they saw, and can read it over REST as well.
     */
    @Test
    void messagesLiveAndAResumeCatchesUpOnEveryChange() {
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String alice = signUp(aliceName);
        String bob = signUp(bobName);
        String roomName = "Living-" + suffix();
        long roomId = http.post("/api/rooms", "{\"name\":\"" + roomName + "\"}", alice).json().path("id").asLong();
        String messages = "/api/rooms/" + roomId + "/messages";

        String cursor;
        long question;
        long answer;
        try (ChatClient a = ChatClient.connect(ws(roomName, alice, null))) {
            a.next("connected");
            ChatClient b = ChatClient.connect(ws(roomName, bob, null));
            b.next("connected");
            a.next("user_joined");

            a.send(Map.of("type", "message", "content", "lunhc at noon?"));
            question = ((Number) a.next("ack").get("message_id")).longValue();
            b.next("message");
            a.send(Map.of("type", "edit", "message_id", question, "content", "lunch at noon?"));
            for (ChatClient client : List.of(a, b)) {
                List<Map<String, Object>> frames = client.until("message_edited");
                assertThat(frames).extracting(f -> f.get("type")).doesNotContain("message");
                assertThat(frames.getLast()).containsEntry("message", "lunch at noon?");
            }

            b.send(Map.of("type", "message", "content", "yes!", "reply_to", question));
            answer = ((Number) b.next("ack").get("message_id")).longValue();
            Map<String, Object> reply = a.next("message");
            assertThat(reply).containsEntry("reply_to",
                    Map.of("message_id", (int) question, "sender", aliceName, "message", "lunch at noon?"));
            cursor = (String) reply.get("cursor");
            assertThat(cursor).isNotBlank();

            assertThat(http.post(messages + "/" + question + "/pin", null, alice).status()).isEqualTo(200);
            assertThat(b.next("message_pinned")).containsEntry("pinned_by", aliceName);
            assertThat(http.post(messages + "/" + question + "/pin", null, bob).status()).isEqualTo(403);
            b.close();
        }

        // bob is away: alice edits, reacts, deletes his reply (she owns the room) and posts over REST
        assertThat(http.patch(messages + "/" + question, "{\"content\":\"lunch at 12:30?\"}", alice).status())
                .isEqualTo(200);
        try (ChatClient a = ChatClient.connect(ws(roomName, alice, null))) {
            a.next("connected");
            a.send(Map.of("type", "reaction", "message_id", question, "reaction_type", "👍"));
            a.next("reaction_added");
        }
        assertThat(http.delete(messages + "/" + answer, alice).status()).isEqualTo(200);
        var posted = http.post(messages, "{\"content\":\"see you\",\"client_id\":\"bot-1\"}", alice);
        assertThat(posted.status()).isEqualTo(200);
        assertThat(http.post(messages, "{\"content\":\"see you\",\"client_id\":\"bot-1\"}", alice)
                .json().path("message_id").asLong()).isEqualTo(posted.json().path("message_id").asLong());

        try (ChatClient b = ChatClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + roomName
                + "?token=" + bob + "&since=" + cursor))) {
            List<Map<String, Object>> missed = b.until("message");
            assertThat(missed).extracting(f -> f.get("type")).containsExactly("connected", "message_pinned",
                    "message_edited", "reaction_added", "message_deleted", "message");
            assertThat(missed.get(2)).containsEntry("message", "lunch at 12:30?");
            assertThat(missed.get(4)).containsEntry("message_id", (int) answer).containsEntry("deleted_by", aliceName);
            assertThat(missed.get(5)).containsEntry("message", "see you");
        }

        JsonNode history = http.get(messages, bob).json();
        assertThat(history).hasSize(3);
        assertThat(history.get(0).path("edited_at").isNull()).isFalse();
        assertThat(history.get(0).path("reply_count").asInt()).isZero();
        assertThat(history.get(1).path("deleted").asBoolean()).isTrue();
        assertThat(history.get(1).path("message").asString()).isEmpty();
        assertThat(http.get(messages + "/" + question + "/edits", bob).json()).hasSize(2);
        assertThat(http.get("/api/rooms/" + roomId + "/pins", bob).json().get(0).path("message_id").asLong())
                .isEqualTo(question);
        JsonNode changes = http.get("/api/rooms/" + roomId + "/changes?since=" + cursor, bob).json();
        assertThat(changes.path("changes")).hasSize(5);
        assertThat(changes.path("has_more").asBoolean()).isFalse();
    }

    /**
     * Issue 11: alice calls bob by name in a live message; bob sees whom it mentions in the frame, a
     * mention count in his room list until he reads it, and the message on his mentions page.
     */
    @Test
    void aMentionIsSeenLiveCountedAndListed() {
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String alice = signUp(aliceName);
        String bob = signUp(bobName);
        String roomName = "Calling-" + suffix();
        long roomId = http.post("/api/rooms", "{\"name\":\"" + roomName + "\"}", alice).json().path("id").asLong();

        long mention;
        try (ChatClient a = ChatClient.connect(ws(roomName, alice, null));
             ChatClient b = ChatClient.connect(ws(roomName, bob, null))) {
            a.next("connected");
            b.next("connected");
            a.send(Map.of("type", "message", "content", "@" + bobName.toUpperCase(java.util.Locale.ROOT) + " look"));
            mention = ((Number) a.next("ack").get("message_id")).longValue();
            assertThat(b.next("message")).containsEntry("mentions", List.of(bobName));
        }

        assertThat(find(http.get("/api/rooms", bob).json(), roomId).path("mention_count").asLong()).isEqualTo(1);
        JsonNode mentions = http.get("/api/mentions", bob).json();
        assertThat(mentions.get(0).path("message_id").asLong()).isEqualTo(mention);
        assertThat(mentions.get(0).path("room_id").asLong()).isEqualTo(roomId);
        http.post("/api/rooms/" + roomId + "/mark-read", null, bob);
        assertThat(find(http.get("/api/rooms", bob).json(), roomId).path("mention_count").asLong()).isZero();
        assertThat(find(http.get("/api/rooms", alice).json(), roomId).path("mention_count").asLong()).isZero();
    }

    /**
     * Issue 11: alice opens a direct message with bob; bob opening it gets the same room; they talk in
     * it live; it is in both room lists as a dm with the other as peer; nobody else can be added.
     */
    @Test
    void aDirectMessageIsOneRoomOfTheTwo() {
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String carolName = "carol" + suffix();
        String alice = signUp(aliceName);
        String bob = signUp(bobName);
        http.post("/api/auth/signup", AuthFlowContract.credentials(carolName, "correct horse"), null);

        var opened = http.post("/api/dms", "{\"username\":\"" + bobName + "\"}", alice);
        assertThat(opened.status()).isEqualTo(200);
        long roomId = opened.json().path("id").asLong();
        assertThat(opened.json().path("kind").asString()).isEqualTo("dm");
        assertThat(opened.json().path("peer").asString()).isEqualTo(bobName);
        assertThat(http.post("/api/dms", "{\"username\":\"" + aliceName + "\"}", bob).json().path("id").asLong())
                .isEqualTo(roomId);

        try (ChatClient a = ChatClient.connect(ws(String.valueOf(roomId), alice, null));
             ChatClient b = ChatClient.connect(ws(String.valueOf(roomId), bob, null))) {
            a.next("connected");
            b.next("connected");
            a.send(Map.of("type", "message", "content", "just between us"));
            assertThat(b.next("message")).containsEntry("message", "just between us")
                    .containsEntry("sender", aliceName);
        }

        JsonNode inBobsList = find(http.get("/api/rooms", bob).json(), roomId);
        assertThat(inBobsList.path("kind").asString()).isEqualTo("dm");
        assertThat(inBobsList.path("peer").asString()).isEqualTo(aliceName);
        assertThat(inBobsList.path("unread_count").asLong()).isEqualTo(1);
        assertThat(http.post("/api/rooms/" + roomId + "/members", "{\"username\":\"" + carolName + "\"}", alice)
                .status()).isEqualTo(403);
    }

    /**
     * Issue 11: bob keeps ONE connection, {@code /ws/user}, for all his rooms. He hears of a direct
     * message and a room as alice opens one and adds him to the other, receives both rooms' messages
     * on it with their {@code room_id}, posts over it, follows his unread and mention counts, and
     * hears he was removed, after which that room's messages stop reaching him and the others' do not.
     */
    @Test
    void oneConnectionCarriesAllOfAUsersRooms() {
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String alice = signUp(aliceName);
        String bob = signUp(bobName);

        try (ChatClient b = ChatClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/user?token=" + bob))) {
            Map<String, Object> connected = b.next();
            assertThat(connected).containsEntry("type", "connected").containsEntry("username", bobName);
            assertThat(connected.get("rooms")).isInstanceOf(List.class);

            long dm = http.post("/api/dms", "{\"username\":\"" + bobName + "\"}", alice).json().path("id").asLong();
            assertThat(b.next("room_added")).containsEntry("id", (int) dm).containsEntry("kind", "dm")
                    .containsEntry("peer", aliceName);
            String roomName = "Project-" + suffix();
            long room = http.post("/api/rooms", "{\"name\":\"" + roomName + "\",\"private\":true}", alice)
                    .json().path("id").asLong();
            assertThat(http.post("/api/rooms/" + room + "/members", "{\"username\":\"" + bobName + "\"}", alice)
                    .status()).isEqualTo(200);
            assertThat(b.next("room_added")).containsEntry("id", (int) room).containsEntry("name", roomName)
                    .containsEntry("kind", "room");

            try (ChatClient a = ChatClient.connect(ws(String.valueOf(room), alice, null))) {
                a.next("connected");
                a.send(Map.of("type", "message", "content", "kickoff at 10", "client_id", "a-1"));
                a.next("ack");
                assertThat(b.next("message")).containsEntry("room_id", (int) room)
                        .containsEntry("message", "kickoff at 10").containsEntry("sender", aliceName);
                assertThat(http.post("/api/rooms/" + dm + "/messages", "{\"content\":\"psst\"}", alice).status())
                        .isEqualTo(200);
                assertThat(b.next("message")).containsEntry("room_id", (int) dm).containsEntry("message", "psst");

                b.send(Map.of("type", "message", "room_id", room, "content", "on it", "client_id", "b-1"));
                Map<String, Object> ack = b.next("ack");
                assertThat(ack).containsEntry("room_id", (int) room).containsEntry("client_id", "b-1");
                assertThat(a.next("message")).containsEntry("message", "on it").containsEntry("sender", bobName)
                        .containsEntry("message_id", ack.get("message_id"));

                // a room bob is not in, or none at all: an error naming the post, and the stream stays open
                b.send(Map.of("type", "message", "room_id", room + 1_000_000, "content", "lost?", "client_id", "b-2"));
                assertThat(b.next("error")).containsEntry("client_id", "b-2");
                b.send(Map.of("type", "message", "content", "where?", "client_id", "b-3"));
                assertThat(b.next("error")).containsEntry("client_id", "b-3");

                a.send(Map.of("type", "message", "content", "@" + bobName + " can you review?"));
                a.next("ack");
                assertThat(b.next("message")).containsEntry("room_id", (int) room)
                        .containsEntry("mentions", List.of(bobName));
                Map<String, Object> unread = nextWhere(b, "unread",
                        f -> f.get("room_id").equals((int) room) && f.get("mention_count").equals(1));
                assertThat(((Number) unread.get("unread_count")).longValue()).isPositive();

                assertThat(http.post("/api/rooms/" + room + "/mark-read", null, bob).status()).isEqualTo(200);
                assertThat(nextWhere(b, "unread", f -> f.get("room_id").equals((int) room)
                        && f.get("unread_count").equals(0))).containsEntry("mention_count", 0);

                assertThat(http.delete("/api/rooms/" + room + "/members/" + bobName, alice).status()).isEqualTo(200);
                assertThat(b.next("room_removed")).containsEntry("room_id", (int) room);
                a.send(Map.of("type", "message", "content", "bob is gone"));
                a.next("ack");
            }
            assertThat(http.post("/api/rooms/" + dm + "/messages", "{\"content\":\"still there?\"}", alice)
                    .status()).isEqualTo(200);
            assertThat(b.next("message")).as("the room he left is silent on his stream, the dm is not")
                    .containsEntry("room_id", (int) dm).containsEntry("message", "still there?");
            assertThat(b.isOpen()).isTrue();
        }
    }

    /** The next frame of {@code type} that {@code wanted} accepts, skipping others (unread frames may be coalesced). */
    private static Map<String, Object> nextWhere(ChatClient client, String type,
                                                 java.util.function.Predicate<Map<String, Object>> wanted) {
        while (true) {
            Map<String, Object> frame = client.next(type);
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** Signs {@code name} up and answers their access token. */
    private String signUp(String name) {
        return http.post("/api/auth/signup", AuthFlowContract.credentials(name, "correct horse"), null)
                .text("access_token");
    }

    private URI ws(String room, String token, Long since) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + room + "?token=" + token
                + (since == null ? "" : "&since=" + since));
    }

    private static JsonNode find(JsonNode rooms, long id) {
        for (JsonNode room : rooms) {
            if (room.path("id").asLong() == id) {
                return room;
            }
        }
        throw new AssertionError("room " + id + " not listed in " + rooms);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aModeratorMutesThenBansAMemberAndTheOwnerReadsItAllInTheAuditLog() {
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String carolName = "carol" + suffix();
        String alice = signUp(aliceName);
        String bob = signUp(bobName);
        String carol = signUp(carolName);
        String roomName = "Town-" + suffix();
        long roomId = http.post("/api/rooms", "{\"name\":\"" + roomName + "\"}", alice).json().path("id").asLong();
        String room = "/api/rooms/" + roomId;
        http.post(room + "/join", null, bob);
        http.post(room + "/join", null, carol);
        assertThat(http.put(room + "/members/" + carolName + "/role", "{\"role\":\"moderator\"}", alice).status())
                .isEqualTo(200);
        JsonNode members = http.get(room + "/members", bob).json();
        assertThat(members.path(0).path("role").asString()).isEqualTo("owner");
        assertThat(members.path(2).path("username").asString()).isEqualTo(carolName);
        assertThat(members.path(2).path("role").asString()).isEqualTo("moderator");

        try (ChatClient a = ChatClient.connect(ws(roomName, alice, null));
             ChatClient b = ChatClient.connectAfter(a, ws(roomName, bob, null))) {
            b.next("connected");
            assertThat(a.next("user_joined")).containsEntry("sender", bobName);

            var muted = http.post(room + "/mutes", "{\"username\":\"" + bobName + "\",\"minutes\":10}", carol);
            assertThat(muted.status()).isEqualTo(200);
            b.send(Map.of("type", "message", "content", "you cannot silence me", "client_id", "m-1"));
            Map<String, Object> refused = b.next("error");
            assertThat(refused).containsEntry("client_id", "m-1")
                    .containsEntry("message", "You are muted in this room until " + muted.text("muted_until"));

            assertThat(http.delete(room + "/mutes/" + bobName, carol).status()).isEqualTo(200);
            b.send(Map.of("type", "message", "content", "sorry", "client_id", "m-2"));
            assertThat(b.next("ack")).containsEntry("client_id", "m-2");
            assertThat(a.next("message")).as("the muted post never reached anyone")
                    .containsEntry("message", "sorry");

            assertThat(http.post(room + "/bans", "{\"username\":\"" + aliceName + "\"}", carol).status())
                    .as("nobody moderates the owner").isEqualTo(403);
            assertThat(http.post(room + "/bans", "{\"username\":\"" + bobName + "\"}", carol).status())
                    .isEqualTo(200);
            assertThat(b.next("error")).as("told why the room closed").containsEntry("message",
                    "You are banned from this room");
            assertThat(b.closeStatus()).isEqualTo("1008 You are banned from this room");
            assertThat(http.post(room + "/join", null, bob).json().path("detail").asString())
                    .isEqualTo("You are banned from this room");
        }

        JsonNode audit = http.get(room + "/audit", alice).json();
        assertThat(audit).extracting(e -> e.path("action").asString())
                .containsExactly("banned", "unmuted", "muted", "role_changed");
        assertThat(audit.path(0).path("actor").asString()).isEqualTo(carolName);
        assertThat(audit.path(0).path("target").asString()).isEqualTo(bobName);
        assertThat(http.get(room + "/audit", bob).status()).isEqualTo(403);
    }

    @Test
    void aMemberRemovedFromAPrivateRoomIsDisconnectedFromIt() {
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String alice = signUp(aliceName);
        String bob = signUp(bobName);
        String roomName = "secret-" + suffix();
        long roomId = http.post("/api/rooms", "{\"name\":\"" + roomName + "\",\"private\":true}", alice)
                .json().path("id").asLong();
        assertThat(http.post("/api/rooms/" + roomId + "/members", "{\"username\":\"" + bobName + "\"}", alice)
                .status()).isEqualTo(200);

        try (ChatClient a = ChatClient.connect(ws(roomName, alice, null));
             ChatClient b = ChatClient.connect(ws(roomName, bob, null))) {
            a.next("connected");
            b.next("connected");
            assertThat(http.delete("/api/rooms/" + roomId + "/members/" + bobName, alice).status()).isEqualTo(200);

            assertThat(b.next("error")).containsEntry("message", "You are no longer a member of this room");
            assertThat(b.closeCode()).isEqualTo(1008);
            assertThat(ChatClient.refusal(ws(roomName, bob, null), null)).isEqualTo(403);
        }
    }

    /**
     * Who has seen what and who is around, in one process (local fan-out, SQLite): the other member
     * sees a read frame and the seen-by list, presence follows the connection (for those who share a
     * room), and someone who keeps their read receipts to themselves sends none.
     */
    @Test
    void readReceiptsAndPresence() {
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String alice = signUp(aliceName);
        String bob = signUp(bobName);
        String roomName = "reads-" + suffix();
        long roomId = http.post("/api/rooms", "{\"name\":\"" + roomName + "\"}", alice).json().path("id").asLong();
        assertThat(http.post("/api/rooms/" + roomId + "/join", null, bob).status()).isEqualTo(200);
        assertThat(http.get("/api/users/" + aliceName, bob).text("status")).isEqualTo("offline");

        try (ChatClient a = ChatClient.connect(ws(roomName, alice, null))) {
            a.next("connected");
            assertThat(http.get("/api/users/" + aliceName, bob).text("status")).isEqualTo("online");
            // someone who shares no room with alice finds her, but not whether she is around
            JsonNode toAStranger = http.get("/api/users/" + aliceName, signUp("carol" + suffix())).json();
            assertThat(toAStranger.path("username").asString()).isEqualTo(aliceName);
            assertThat(toAStranger.path("status").isNull()).isTrue();
            assertThat(toAStranger.path("last_seen").isNull()).isTrue();
            a.send(Map.of("type", "message", "content", "did you see this?"));
            long said = ((Number) a.next("ack").get("message_id")).longValue();

            assertThat(http.post("/api/rooms/" + roomId + "/mark-read", "{\"up_to\":" + said + "}", bob).text("message"))
                    .isEqualTo("Marked 1 messages as read");
            assertThat(a.next("read")).containsEntry("username", bobName)
                    .containsEntry("last_read_message_id", (int) said);
            JsonNode seenBy = http.get("/api/rooms/" + roomId + "/messages/" + said + "/seen-by", alice).json();
            assertThat(seenBy).hasSize(1);
            assertThat(seenBy.get(0).path("username").asString()).isEqualTo(bobName);
            assertThat(seenBy.get(0).path("read_at").asString()).endsWith("Z");
            JsonNode members = http.get("/api/rooms/" + roomId + "/members", alice).json();
            assertThat(members.get(1).path("last_read_message_id").asLong()).isEqualTo(said);
            assertThat(members.get(0).path("status").asString()).isEqualTo("online");
            assertThat(members.get(1).path("status").asString()).isEqualTo("offline");

            a.send(Map.of("type", "presence", "status", "away"));
            awaitStatus(aliceName, bob, "away");

            // bob keeps his read receipts to himself from now on
            assertThat(http.patch("/api/users/me", "{\"share_read_receipts\":false}", bob).text("share_read_receipts"))
                    .isEqualTo("false");
            a.send(Map.of("type", "message", "content", "and this?"));
            long second = ((Number) a.next("ack").get("message_id")).longValue();
            assertThat(http.get("/api/users/" + aliceName, bob).text("status")).as("a frame: back").isEqualTo("online");
            http.post("/api/rooms/" + roomId + "/mark-read", null, bob);
            assertThat(http.get("/api/rooms/" + roomId + "/messages/" + second + "/seen-by", alice).json()).isEmpty();
        }
        awaitStatus(aliceName, bob, "offline");
        assertThat(http.get("/api/users/" + aliceName, bob).text("last_seen")).endsWith("Z");
    }

    private void awaitStatus(String username, String token, String status) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!http.get("/api/users/" + username, token).text("status").equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(username + " not " + status + " within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
