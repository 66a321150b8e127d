package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chatserver.adapter.websocket.ChatClient;
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
        registry.add("chat.data-dir", () -> SqliteAuthFlowTest.tempDir().toString());
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
        String alice = http.post("/api/auth/signup", AuthFlowContract.credentials(aliceName, "correct horse"), null)
                .text("access_token");
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
    void aMemberRemovedFromAPrivateRoomIsDisconnectedFromIt() {
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String alice = http.post("/api/auth/signup", AuthFlowContract.credentials(aliceName, "correct horse"), null)
                .text("access_token");
        String bob = http.post("/api/auth/signup", AuthFlowContract.credentials(bobName, "correct horse"), null)
                .text("access_token");
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
}
