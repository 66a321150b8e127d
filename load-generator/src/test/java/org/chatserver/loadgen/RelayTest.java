package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference relay over real sockets, driven by the JDK's own WebSocket and HTTP clients (an
 * implementation of the protocol that is not ours): REST answers, then two members of a room.
 */
class RelayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Relay relay;
    private static URI base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        relay = Relay.start("127.0.0.1", 0, 2);
        base = URI.create("http://127.0.0.1:" + relay.port());
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Collects the texts a JDK WebSocket receives (RelayStoreTest's too). */
    static final class Inbox implements WebSocket.Listener {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 10 s").isNotNull();
            return frame;
        }
    }

    private static WebSocket connect(String room, String token, Inbox inbox) {
        return HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + relay.port() + "/ws/chat/" + room + "?token=" + token), inbox)
                .join();
    }

    @Test
    void signUpAnswersATokenAndRoomsAreCreatedOrFoundByName() throws Exception {
        HttpResponse<String> signup = post("/api/auth/signup", "{\"username\":\"alice\",\"password\":\"x\"}");
        assertThat(signup.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(signup.body()).get("access_token").asString()).isNotBlank();

        long id = JSON.readTree(post("/api/rooms", "{\"name\":\"Lobby-Rest\"}").body()).get("id").asLong();
        assertThat(JSON.readTree(post("/api/rooms", "{\"name\":\"lobby-rest\"}").body()).get("id").asLong()).isEqualTo(id);
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/rooms")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.body()).contains("\"id\":" + id + ",\"name\":\"Lobby-Rest\"");
        assertThat(post("/api/rooms", "{}").statusCode()).isEqualTo(422);
        assertThat(post("/api/nothing", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void aPostReachesTheOtherMemberAndIsAckedToTheSenderWithIncreasingIds() throws Exception {
        String token = JSON.readTree(post("/api/auth/login", "{\"username\":\"bob\",\"password\":\"x\"}").body())
                .get("access_token").asString();
        long room = JSON.readTree(post("/api/rooms", "{\"name\":\"pair\"}").body()).get("id").asLong();
        Inbox senderInbox = new Inbox();
        Inbox receiverInbox = new Inbox();
        WebSocket sender = connect(Long.toString(room), token, senderInbox);
        WebSocket receiver = connect(Long.toString(room), token, receiverInbox);
        assertThat(senderInbox.next().get("type").asString()).isEqualTo("connected");
        assertThat(receiverInbox.next().get("type").asString()).isEqualTo("connected");

        List<Long> ackIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String content = "hi \\\"" + i + "\\\" é";
            sender.sendText("{\"type\":\"message\",\"content\":\"" + content + "\",\"client_id\":\"c-" + i + "\"}", true)
                    .join();
            JsonNode ack = senderInbox.next();
            assertThat(ack.get("type").asString()).isEqualTo("ack");
            assertThat(ack.get("client_id").asString()).isEqualTo("c-" + i);
            assertThat(ack.get("room_id").asLong()).isEqualTo(room);
            ackIds.add(ack.get("message_id").asLong());

            JsonNode message = receiverInbox.next();
            assertThat(message.get("type").asString()).isEqualTo("message");
            assertThat(message.get("message").asString()).isEqualTo("hi \"" + i + "\" é");
            assertThat(message.get("message_id").asLong()).isEqualTo(ack.get("message_id").asLong());
            assertThat(message.get("sender").asString()).isEqualTo("bob");
            assertThat(message.has("reactions")).isTrue();
        }
        assertThat(ackIds).isSorted().doesNotHaveDuplicates();
        // the sender never hears its own message
        assertThat(senderInbox.frames.poll(200, TimeUnit.MILLISECONDS)).isNull();

        sender.sendText("not json", true).join();
        assertThat(senderInbox.next().get("type").asString()).isEqualTo("error");
        sender.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        receiver.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void aMalformedRequestIsAnswered400AndTheRelayServesOn() throws Exception {
        try (java.net.Socket raw = new java.net.Socket("127.0.0.1", relay.port())) {
            raw.setSoTimeout(10_000);
            raw.getOutputStream().write("POST /api/rooms HTTP/1.1\r\nContent-Length: lots\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(raw.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("Content-Length must be a number");
        }

        assertThat(post("/api/auth/signup", "{\"username\":\"carol\",\"password\":\"x\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aRoomThatDoesNotExistIsRefusedAtTheHandshake() {
        var refused = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + relay.port() + "/ws/chat/999999?token=t"), new Inbox());

        assertThat(refused).failsWithin(Duration.ofSeconds(10));
    }
}
