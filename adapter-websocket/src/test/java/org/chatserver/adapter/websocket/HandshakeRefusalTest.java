package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chatserver.domain.Room;
import org.junit.jupiter.api.Test;

/**
 * What a client that is not a WebSocket client gets from a socket's path: a browser's address bar, a probe, a POST
 * by mistake. Each answer is JSON saying what to do instead, like every other refusal of a handshake.
 */
class HandshakeRefusalTest extends WebSocketTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aPlainGetOfARoomSocketIsToldToConnectWithAWebSocketClient() throws Exception {
        User alice = user("alice");
        String path = path(Long.toString(room(alice).id().value()), null);

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(http(path))
                .header("Authorization", "Bearer " + alice.token()).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        assertThat(answer.body()).isEqualTo(
                "{\"detail\":\"This is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket)\"}");
    }

    @Test
    void anotherMethodIs405NamingGet() throws Exception {
        User alice = user("alice");

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(http("/ws/user"))
                .header("Authorization", "Bearer " + alice.token()).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().allValues("Allow")).containsExactly("GET");
        assertThat(answer.body()).isEqualTo(
                "{\"detail\":\"Method POST is not allowed here: a WebSocket connection opens with GET\"}");
    }

    @Test
    void aHandshakeWithoutItsKeyOrOfAnotherVersionSaysWhatIsMissing() throws IOException {
        User alice = user("alice");
        String path = path(Long.toString(room(alice).id().value()), alice.token());

        String noKey = exchange("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n");
        String oldVersion = exchange("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\nSec-WebSocket-Version: 8\r\n"
                + "Content-Length: 0\r\n\r\n");

        assertThat(noKey).startsWith("HTTP/1.1 400")
                .endsWith("{\"detail\":\"Sec-WebSocket-Key is missing: a WebSocket client sends one\"}");
        assertThat(oldVersion).startsWith("HTTP/1.1 426").containsIgnoringCase("Sec-WebSocket-Version: 13")
                .endsWith("{\"detail\":\"Sec-WebSocket-Version must be 13\"}");
    }

    /**
     * {@code since} takes a cursor or a message id as the server writes them, on both sockets as on REST: the same
     * number with spaces ({@code +} in a query is one), a sign or leading zeros is refused saying so, not taken as it.
     */
    @Test
    void aSinceNotWrittenAsTheServerWritesItIsRefusedSayingSo() throws IOException {
        User alice = user("alice");
        Room room = room(alice);
        long seen = post(alice, room, "seen").value();
        long id = room.id().value();
        String chat = path(Long.toString(id), alice.token()) + "&since=";
        String stream = "/ws/user?token=" + URLEncoder.encode(alice.token(), StandardCharsets.UTF_8) + "&since=";
        assertThat(handshake(chat + seen)).as("as written").startsWith("HTTP/1.1 101");

        for (String target : List.of(chat + "%20" + seen, chat + "+" + seen, chat + "%2B" + seen, chat + "0" + seen,
                chat + seen + "%20", stream + id + ":%20" + seen, stream + "0" + id + ":" + seen,
                stream + id + ":" + seen + "+", stream + id + ":" + seen + ",%20" + id + ":" + seen)) {
            assertThat(handshake(target)).as(target).startsWith("HTTP/1.1 400").endsWith("{\"detail\":\"since must be "
                    + "written as this server writes it, without spaces, a sign or leading zeros (c815, not c0815)\"}");
        }
    }

    /** A WebSocket handshake over a bare socket; the whole answer. */
    private String handshake(String path) throws IOException {
        return exchange("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n");
    }

    private URI http(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** One request over a bare socket (the JDK's client will not send an Upgrade header); the whole answer. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) ChatClient.WAIT.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
