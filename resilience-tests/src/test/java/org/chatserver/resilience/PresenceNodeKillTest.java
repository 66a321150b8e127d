package org.chatserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two production nodes on a private PostgreSQL and a private Redis; a user connected to node B only.
 * B is killed with SIGKILL: no shutdown, nothing taken out of Redis. Node A shows the user offline
 * once B's presence heartbeat has expired, within {@code chat.presence.redis.node-ttl} (3 s here)
 * of B's last heartbeat, with that heartbeat as their {@code last_seen}; and someone who shares a room with them,
 * following on A's {@code /ws/user}, gets a {@code presence} frame saying so, though no node reported it.
 */
@Tag("resilience")
class PresenceNodeKillTest {

    private static final Duration TTL = Duration.ofSeconds(3);

    @TempDir
    Path shared;

    @Test
    void aKilledNodesUsersGoOfflineOnTheOtherNodeWithinItsTtl() throws Exception {
        try (PrivatePostgres postgres = new PrivatePostgres(); PrivateRedis redis = new PrivateRedis()) {
            postgres.start();
            redis.start();
            List<String> settings = ProductionSettings.of(postgres, redis, shared, "chat.presence.redis.node-ttl=" + TTL.toSeconds() + "s");
            try (ServerProcess a = new ServerProcess("node-a", settings, Map.of(), List.of());
                 ServerProcess b = new ServerProcess("node-b", settings, Map.of(), List.of())) {
                a.launch();
                b.launch();
                a.awaitReady();
                b.awaitReady();
                ChatApi apiA = new ChatApi(a.baseUrl());
                ChatApi apiB = new ChatApi(b.baseUrl());
                ChatApi.Account alice = apiA.signUp("alice");
                ChatApi.Account bob = apiB.signUp("bob");
                long room = apiA.createRoom(alice.token(), "presence-" + UUID.randomUUID().toString().substring(0, 8));
                assertThat(apiB.post("/api/rooms/" + room + "/join", "{}", bob.token()).status()).isEqualTo(200);
                List<String> toAlice = new CopyOnWriteArrayList<>();
                WebSocket stream = HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(URI.create(a.baseUrl().replaceFirst("^http", "ws") + "/ws/user?token="
                                + alice.token()), new WebSocket.Listener() {
                            private final StringBuilder frame = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                frame.append(data);
                                if (last) {
                                    toAlice.add(frame.toString());
                                    frame.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }
                        }).get(30, TimeUnit.SECONDS);

                URI onB = URI.create(b.baseUrl().replaceFirst("^http", "ws") + "/ws/chat/" + room + "?token="
                        + bob.token());
                WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                        .buildAsync(onB, new WebSocket.Listener() { }).get(30, TimeUnit.SECONDS);
                awaitStatus(apiA, bob.username(), alice.token(), "online", Duration.ofSeconds(60));
                String bobsOffline = "\"type\":\"presence\",\"username\":\"" + bob.username()
                        + "\",\"status\":\"offline\"";
                assertThat(toAlice).as("alice's stream before the kill").noneMatch(f -> f.contains(bobsOffline));

                b.kill();
                long killed = System.nanoTime();
                awaitStatus(apiA, bob.username(), alice.token(), "offline", Duration.ofSeconds(30));
                Duration took = Duration.ofNanos(System.nanoTime() - killed);
                System.out.printf("resilience: a killed node's user showed offline on the other node %d ms after "
                        + "kill -9 (node-ttl %s)%n", took.toMillis(), TTL);
                assertThat(took).as("the TTL, plus a heartbeat period and a look").isLessThan(TTL.plusSeconds(5));
                assertThat(apiA.get("/api/users/" + bob.username(), alice.token()).json().path("last_seen")
                        .asString()).endsWith("Z");
                long deadline = System.nanoTime() + TTL.plusSeconds(10).toNanos();
                while (toAlice.stream().noneMatch(f -> f.contains(bobsOffline)) && System.nanoTime() < deadline) {
                    Machine.sleep(Duration.ofMillis(100));
                }
                assertThat(toAlice).as("what alice's /ws/user stream on the live node showed, %s after the kill of "
                        + "the node holding bob's only connection", Duration.ofNanos(System.nanoTime() - killed))
                        .anyMatch(f -> f.contains(bobsOffline));
                System.out.printf("resilience: the presence frame reached the other node's stream %d ms after kill -9%n",
                        Duration.ofNanos(System.nanoTime() - killed).toMillis());
                socket.abort();
                stream.abort();
            }
        }
    }

    private static void awaitStatus(ChatApi api, String username, String token, String status, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        String seen;
        while (!(seen = api.get("/api/users/" + username, token).json().path("status").asString()).equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(username + " is " + seen + ", not " + status + ", after " + limit);
            }
            Machine.sleep(Duration.ofMillis(100));
        }
    }
}
