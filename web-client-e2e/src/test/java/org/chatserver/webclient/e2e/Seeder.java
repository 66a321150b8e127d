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

/** Writes many messages into a room quickly, over the public wire as any client would. */
final class Seeder {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private Seeder() {
    }

    /** Logs {@code username} in (the app's login, not the browser's): their access token. */
    static String accessToken(HttpClient http, ChatServer server, String username) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "api/auth/login"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\""
                        + Person.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(login.body());
        if (!token.find()) {
            throw new IllegalStateException("login failed: " + login.body());
        }
        return token.group(1);
    }

    /** Logs {@code username} in and posts "{prefix}1" … "{prefix}{count}" into the room, waiting for every ack. */
    static void post(ChatServer server, String username, String room, String prefix, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = accessToken(http, server, username);
        CountDownLatch connected = new CountDownLatch(1);
        CountDownLatch acked = new CountDownLatch(count);
        AtomicInteger acks = new AtomicInteger();
        String url = server.baseUrl().replace("http", "ws") + "ws/chat/"
                + java.net.URLEncoder.encode(room, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")
                + "?token=" + token;
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
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
        for (int i = 1; i <= count; i++) {
            ws.sendText("{\"type\":\"message\",\"content\":\"" + prefix + i + "\",\"client_id\":\"seed-" + prefix.hashCode()
                    + "-" + i + "\"}", true).get(5, TimeUnit.SECONDS);
            // stay under the per-connection flood limit (20 frames a second)
            if (i % 15 == 0) {
                Thread.sleep(1000);
            }
        }
        if (!acked.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + acks.get() + " of " + count + " messages acknowledged");
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }
}
