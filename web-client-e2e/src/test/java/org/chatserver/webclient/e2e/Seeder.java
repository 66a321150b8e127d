package org.chatserver.webclient.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes many messages into a room quickly, and does what a test needs done from elsewhere (another device, someone
 * with no page), over the public wire as any client would.
 */
final class Seeder {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private Seeder() {
    }

    /** Logs {@code username} in (the app's login, not the browser's): their access token. */
    static String accessToken(HttpClient http, ChatServer server, String username) throws Exception {
        return credentialsTo(http, server, "api/auth/login", username);
    }

    /**
     * Signs {@code username} up over the API (no page of their own): their access token. For a person a test needs only
     * as a name, such as a member a message mentions.
     */
    static String signUp(HttpClient http, ChatServer server, String username) throws Exception {
        return credentialsTo(http, server, "api/auth/signup", username);
    }

    /** The username and {@link Person#PASSWORD} posted to {@code path} (log-in, sign-up): the access token answered. */
    private static String credentialsTo(HttpClient http, ChatServer server, String path, String username) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\""
                        + Person.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        if (!token.find()) {
            throw new IllegalStateException(path + " failed: " + answer.body());
        }
        return token.group(1);
    }

    /** {@code POST path} (e.g. {@code api/rooms/7/join}) with no body, as the holder of {@code token}, from another device. */
    static void postAs(HttpClient http, ChatServer server, String token, String path) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new IllegalStateException("POST " + path + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    /**
     * Logs {@code username} in and posts "{prefix}1" … "{prefix}{count}" into the room, waiting for every ack. Each run of
     * {@link #RUN} goes over a connection of its own, within the burst a connection may send at once (40 frames), and
     * the next only once the server acknowledged them all: the order stays, with no pause for the flood limit.
     */
    static void post(ChatServer server, String username, String room, String prefix, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = accessToken(http, server, username);
        String url = server.baseUrl().replace("http", "ws") + "ws/chat/"
                + java.net.URLEncoder.encode(room, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                + "?token=" + token;
        for (int first = 1; first <= count; first += RUN) {
            postRun(http, url, room, prefix, first, Math.min(count, first + RUN - 1));
        }
    }

    /** Messages on one connection, as many as a fresh connection may send at once with room to spare. */
    private static final int RUN = 30;

    private static void postRun(HttpClient http, String url, String room, String prefix, int first, int last)
            throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        CountDownLatch acked = new CountDownLatch(last - first + 1);
        AtomicInteger acks = new AtomicInteger();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean complete) {
                text.append(data);
                if (complete) {
                    String frame = text.toString();
                    text.setLength(0);
                    if (frame.contains("\"type\":\"connected\"")) {
                        connected.countDown();
                    } else if (frame.contains("\"type\":\"ack\"")) {
                        acks.incrementAndGet();
                        acked.countDown();
                    }
                }
                socket.request(1);
                return CompletableFuture.completedFuture(null);
            }
        }).get(10, TimeUnit.SECONDS);
        if (!connected.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("not connected to " + room);
        }
        for (int i = first; i <= last; i++) {
            ws.sendText("{\"type\":\"message\",\"content\":\"" + prefix + i + "\",\"client_id\":\"seed-" + prefix.hashCode()
                    + "-" + i + "\"}", true).get(5, TimeUnit.SECONDS);
        }
        if (!acked.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + acks.get() + " of messages " + first + " to " + last + " acknowledged");
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }
}
