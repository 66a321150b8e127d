package org.chatserver.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workload of the build's training run ({@code -Ptraining-run}, see docs/operations.md): with
 * {@code chat.training-run.enabled=true} (the {@code training}
 * profile, {@code application-training.yml}) the server, once it listens, talks to itself over loopback the
 * way clients do (sign-up, login, a room, WebSocket connections posting and receiving messages,
 * history, room list, read marks) and then {@link ChatServerApplication#main} exits. The JVM
 * records what this loaded and how hot each method ran in its AOT cache (CDS archive before
 * JDK 25), so a node started with that cache serves its first messages without first loading,
 * linking and profiling the code they take.
 *
 * <p>It writes users, a room and messages, so it runs on a throwaway data directory only: in the build's
 * training run, or against the throwaway server of a {@link WarmUp}; a node never runs it against its own
 * data. Runs before readiness goes UP (an {@link ApplicationRunner}). A step that fails stops the run with
 * a sentence naming the setting that asked for it ({@code chat.training-run} or {@code chat.warm-up}).
 */
final class TrainingRun implements ApplicationRunner {

    static final String PROPERTY = "chat.training-run";
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** How long the workload's WebSockets have, in all, to answer their close. */
    private static final Duration CLOSING = Duration.ofSeconds(10);
    private static final String PASSWORD = "training run password";

    private final String setting;
    private final Environment environment;
    private final int users;
    private final int messagesPerUser;
    private final int rounds;
    private volatile int delivered;

    /** @param setting the property that asked for this run, which its failures name */
    TrainingRun(String setting, Environment environment, int users, int messagesPerUser, int rounds) {
        this.setting = setting;
        this.environment = environment;
        this.users = users;
        this.messagesPerUser = messagesPerUser;
        this.rounds = rounds;
    }

    /** Messages received over WebSocket in the last round, every member's copy counted. */
    int delivered() {
        return delivered;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        String port = environment.getRequiredProperty("local.server.port");
        URI base = URI.create("http://127.0.0.1:" + port);
        long started = System.nanoTime();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                // loopback, always: an operator's proxy settings are for the node's own outbound calls
                .proxy(HttpClient.Builder.NO_PROXY).build()) {
            for (int round = 1; round <= rounds; round++) {
                new Round(http, base, round).run();
            }
        }
        LOG.info("Training run: {} rounds of {} users posting {} messages each, {} deliveries in the last, {} ms",
                rounds, users, messagesPerUser, delivered, (System.nanoTime() - started) / 1_000_000);
    }

    /** One pass over the hot paths, with users and a room of its own. */
    private final class Round {
        private final HttpClient http;
        private final URI base;
        private final String tag;

        Round(HttpClient http, URI base, int round) {
            this.http = http;
            this.base = base;
            this.tag = "t" + round + UUID.randomUUID().toString().substring(0, 6);
        }

        void run() throws Exception {
            expect("GET /health", send("GET", "/health", null, null), 200);
            send("GET", "/readyz", null, null);
            expect("GET /", send("GET", "/", null, null), 200);
            expect("GET /api/rooms without a token", send("GET", "/api/rooms", null, null), 401);

            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String name = tag + "u" + i;
                JsonNode signedUp = json(expect("sign-up", send("POST", "/api/auth/signup", null,
                        Map.of("username", name, "password", PASSWORD)), 200));
                tokens.add(signedUp.path("access_token").asString());
            }
            String owner = json(expect("login", send("POST", "/api/auth/login", null,
                    Map.of("username", tag + "u0", "password", PASSWORD)), 200)).path("access_token").asString();
            long room = json(expect("room creation", send("POST", "/api/rooms", owner,
                    Map.of("name", "Training " + tag, "private", false)), 200)).path("id").asLong();

            // every member but the sender gets each message
            int expected = users * messagesPerUser * (users - 1);
            CountDownLatch received = new CountDownLatch(expected);
            CountDownLatch joined = new CountDownLatch(users);
            List<WebSocket> sockets = new ArrayList<>();
            try {
                for (String token : tokens) {
                    sockets.add(connect(room, token, joined, received));
                }
                // a member hears the room from its connected frame on; posting earlier loses copies
                if (!joined.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException(setting + ": " + joined.getCount() + " of the workload's "
                            + users + " WebSocket connections got no connected frame");
                }
                for (int m = 0; m < messagesPerUser; m++) {
                    for (int u = 0; u < sockets.size(); u++) {
                        String frame = JSON.writeValueAsString(Map.of("type", "message",
                                "content", "message " + m + " from " + u + " @" + tag + "u0", "client_id", "c" + u + "-" + m));
                        sockets.get(u).sendText(frame, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    }
                }
                awaitAll(received, expected);
                delivered = expected;
            } finally {
                close(sockets, CLOSING);
            }
            String messages = "/api/rooms/" + room + "/messages";
            expect("history", send("GET", messages + "?limit=50", owner, null), 200);
            expect("room list", send("GET", "/api/rooms", owner, null), 200);
            expect("mark read", send("POST", "/api/rooms/" + room + "/mark-read", tokens.get(1), null), 200);
            expect("room members", send("GET", "/api/rooms/" + room + "/members", owner, null), 200);
        }

        private WebSocket connect(long room, String token, CountDownLatch joined, CountDownLatch received)
                throws Exception {
            URI uri = URI.create("ws://" + base.getAuthority() + "/ws/chat/" + room + "?token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8));
            return http.newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(uri, new CountingListener(joined, received)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        private HttpResponse<String> send(String method, String path, String token, Object body)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * Closes the workload's WebSockets: a close frame each, then up to {@code wait} in all for the server's
     * answers; a socket whose input is still open then is aborted. The JDK's {@code HttpClient.close()} waits for
     * every WebSocket it opened to end, so a single one whose end the client never saw (once in a build: the
     * server's side closed, the client's left in CLOSE_WAIT) held the training run, and the build, for good.
     */
    static void close(List<WebSocket> sockets, Duration wait) throws InterruptedException {
        for (WebSocket socket : sockets) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (WebSocket socket : sockets) {
            while (!socket.isInputClosed() && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            if (!socket.isInputClosed()) {
                LOG.info("Training run: a WebSocket connection did not answer its close within {} ms; aborted",
                        wait.toMillis());
                socket.abort();
            }
        }
    }

    /** A busy machine may take minutes; only a minute without a single delivery is a failure. */
    private void awaitAll(CountDownLatch received, int expected) throws InterruptedException {
        long left = received.getCount();
        while (!received.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            if (received.getCount() == left) {
                throw new IllegalStateException(setting + ": the workload's WebSocket clients received "
                        + (expected - left) + " of " + expected + " messages, none in the last "
                        + TIMEOUT.toSeconds() + " s");
            }
            left = received.getCount();
        }
    }

    private String expect(String step, HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(setting + ": the workload's " + step + " answered "
                    + response.statusCode() + " instead of " + status + ": " + response.body());
        }
        return response.body();
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    /** Counts a member's {@code connected} and {@code message} frames; the rest (acks, presence) pass by. */
    private static final class CountingListener implements WebSocket.Listener {
        private final CountDownLatch joined;
        private final CountDownLatch received;
        private final StringBuilder partial = new StringBuilder();

        CountingListener(CountDownLatch joined, CountDownLatch received) {
            this.joined = joined;
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String type = json(partial.toString()).path("type").asString();
                if ("message".equals(type)) {
                    received.countDown();
                } else if ("connected".equals(type)) {
                    joined.countDown();
                }
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }
}
