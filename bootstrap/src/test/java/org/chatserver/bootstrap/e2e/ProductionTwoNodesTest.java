package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.bootstrap.e2e.ProductionNodes.REDIS;
import static org.chatserver.bootstrap.e2e.ProductionNodes.port;
import static org.chatserver.bootstrap.e2e.ProductionNodes.suffix;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.chatserver.adapter.fanout.redis.CuttableLink;
import org.chatserver.adapter.fanout.redis.PrivateRedis;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.adapter.storage.s3.TestS3Server;
import org.chatserver.adapter.websocket.ChatClient;
import org.chatserver.bootstrap.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The production profile as it is deployed: two nodes sharing one PostgreSQL, one S3 store, one
 * Redis and one signing key. A token from one node works on the other, a message posted on one
 * node reaches a watcher connected to the other, and a logout on one node closes the user's
 * socket on the other.
 */
class ProductionTwoNodesTest {


    @TempDir
    Path dataDir;

    @Test
    void twoNodesServeOneChat() throws Exception {
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        String bucket = TestS3Server.freshBucketName();
        String channels = "chat-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        try (AutoCloseable keys = ProductionNodes.redisKeys(channels);
             TestDatabase database = TestDatabases.postgres(false);
             ConfigurableApplicationContext nodeA = start(database, key, bucket, channels, REDIS);
             ConfigurableApplicationContext nodeB = start(database, key, bucket, channels, REDIS)) {
            HttpTestClient a = new HttpTestClient(port(nodeA));
            HttpTestClient b = new HttpTestClient(port(nodeB));

            String aliceName = "alice" + suffix();
            String alice = a.post("/api/auth/signup", AuthFlowContract.credentials(aliceName, "correct horse"),
                    null).text("access_token");
            String bobName = "bob" + suffix();
            b.post("/api/auth/signup", AuthFlowContract.credentials(bobName, "correct horse"), null);
            String bob = b.post("/api/auth/login", AuthFlowContract.credentials(bobName, "correct horse"), null)
                    .text("access_token");
            assertThat(b.get("/api/auth/me", alice).status()).as("a token of node A on node B").isEqualTo(200);
            String room = "prod-" + suffix();
            var created = a.post("/api/rooms", "{\"name\":\"" + room + "\"}", alice);
            assertThat(created.status()).isEqualTo(200);
            long roomId = created.json().path("id").asLong();
            String file = a.upload("/api/upload-file", "file", "notes.txt", "text/plain", "shared notes".getBytes(),
                    alice).text("file_url");

            try (ChatClient onA = ChatClient.connect(ws(nodeA, room, alice))) {
                // "connected" means the server watches the room for alice: only then may bob join
                onA.next("connected");
                ChatClient onB = ChatClient.connect(ws(nodeB, room, bob));
                onB.next("connected");
                assertThat(onA.next("user_joined")).containsEntry("sender", bobName);

                onA.send(Map.of("type", "message", "content", "across nodes", "file_url", file));
                long id = ((Number) onA.next("ack").get("message_id")).longValue();
                assertThat(onB.next("message")).containsEntry("message", "across nodes")
                        .containsEntry("file_url", file).containsEntry("message_type", "text_with_document");

                // issue 10: every new frame crosses nodes too, as its own frame
                String messages = "/api/rooms/" + roomId + "/messages/" + id;
                onA.send(Map.of("type", "edit", "message_id", id, "content", "edited across nodes"));
                assertThat(onB.next("message_edited")).containsEntry("message", "edited across nodes");
                onB.send(Map.of("type", "message", "content", "a reply", "reply_to", id));
                long reply = ((Number) onB.next("ack").get("message_id")).longValue();
                assertThat(onA.next("message")).containsEntry("reply_to", Map.of("message_id", (int) id,
                        "sender", aliceName, "message", "edited across nodes"));
                assertThat(a.post(messages + "/pin", null, alice).status()).isEqualTo(200);
                assertThat(onB.next("message_pinned")).containsEntry("message_id", (int) id);
                assertThat(a.delete(messages + "/pin", alice).status()).isEqualTo(200);
                assertThat(onB.next("message_unpinned")).containsEntry("message_id", (int) id);
                // the owner deletes bob's reply on node A; bob hears of it on node B
                onA.send(Map.of("type", "delete", "message_id", reply));
                assertThat(onB.next("message_deleted")).containsEntry("message_id", (int) reply);
                onB.close();

                // alice logs out on node B: node A finds out from the store and closes her socket
                assertThat(b.post("/api/auth/logout", null, alice).status()).isEqualTo(200);
                assertThat(onA.closeStatus()).isEqualTo("1008 Session ended");
            }
            assertThat(new String(b.download(file).body())).isEqualTo("shared notes");
            assertThat(b.get("/readyz", null).text("status")).isEqualTo("UP");

            // one login budget for both nodes: failures on A count on B (chat.throttle.type=redis)
            String carol = "carol" + suffix();
            a.post("/api/auth/signup", AuthFlowContract.credentials(carol, "correct horse"), null);
            for (int i = 0; i < 5; i++) {
                assertThat(a.post("/api/auth/login", AuthFlowContract.credentials(carol, "guess " + i), null).status())
                        .isEqualTo(401);
            }
            var throttled = b.post("/api/auth/login", AuthFlowContract.credentials(carol, "correct horse"), null);
            assertThat(throttled.status()).as("node B knows node A's failures").isEqualTo(429);
            assertThat(throttled.header("Retry-After")).isNotBlank();
        }
    }

    /**
     * A ban made on one node ends the banned user's socket on the other at once (the member-removed
     * event crosses nodes through Redis), and neither node lets them back in until the ban is lifted.
     */
    @Test
    void aBanOnOneNodeClosesTheBannedUsersSocketOnTheOther() throws Exception {
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        String bucket = TestS3Server.freshBucketName();
        String channels = "chat-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        try (AutoCloseable keys = ProductionNodes.redisKeys(channels);
             TestDatabase database = TestDatabases.postgres(false);
             ConfigurableApplicationContext nodeA = start(database, key, bucket, channels, REDIS);
             ConfigurableApplicationContext nodeB = start(database, key, bucket, channels, REDIS)) {
            HttpTestClient a = new HttpTestClient(port(nodeA));
            HttpTestClient b = new HttpTestClient(port(nodeB));
            String alice = signUp(a, "alice");
            String bobName = "bob" + suffix();
            String bob = b.post("/api/auth/signup", AuthFlowContract.credentials(bobName, "correct horse"), null)
                    .text("access_token");
            String room = "ban-" + suffix();
            long roomId = a.post("/api/rooms", "{\"name\":\"" + room + "\"}", alice).json().path("id").asLong();

            try (ChatClient onA = ChatClient.connect(ws(nodeA, room, alice));
                 ChatClient onB = ChatClient.connectAfter(onA, ws(nodeB, room, bob))) {
                onB.next("connected");
                assertThat(onA.next("user_joined")).containsEntry("sender", bobName);

                assertThat(a.post("/api/rooms/" + roomId + "/bans", "{\"username\":\"" + bobName + "\"}", alice)
                        .status()).isEqualTo(200);

                assertThat(onB.next("error")).as("told why the room closed").containsEntry("message",
                    "You are banned from this room");
                assertThat(onB.closeStatus()).isEqualTo("1008 You are banned from this room");
                assertThat(b.post("/api/rooms/" + roomId + "/join", null, bob).status()).isEqualTo(403);
                ChatClient again = ChatClient.connect(ws(nodeB, room, bob));
                again.next("connected");
                assertThat(again.next("error")).containsEntry("message", "You are banned from this room");
                assertThat(again.closeCode()).isEqualTo(1008);
                var audit = b.get("/api/rooms/" + roomId + "/audit", alice).json();
                assertThat(audit.path(0).path("action").asString()).isEqualTo("banned");
                assertThat(audit.path(0).path("target").asString()).isEqualTo(bobName);
            }
        }
    }

    /**
     * Redis stopped under two nodes (a redis-server of this test's own): a message posted on one
     * node still reaches a watcher on the other, read from the database every second, and once
     * Redis is back delivery goes on through it, in order, each message once. Fails on the main
     * branch before this change: the watcher on the other node heard nothing until Redis was back
     * and a later message revealed the gap.
     */
    @Test
    void messagesCrossNodesWhileRedisIsDown() throws Exception {
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        String bucket = TestS3Server.freshBucketName();
        try (PrivateRedis redis = PrivateRedis.start();
             TestDatabase database = TestDatabases.postgres(false);
             ConfigurableApplicationContext nodeA = start(database, key, bucket, "chat:", redis.url());
             ConfigurableApplicationContext nodeB = start(database, key, bucket, "chat:", redis.url())) {
            HttpTestClient a = new HttpTestClient(port(nodeA));
            String alice = signUp(a, "alice");
            String bob = signUp(a, "bob");
            String room = "outage-" + suffix();
            assertThat(a.post("/api/rooms", "{\"name\":\"" + room + "\"}", alice).status()).isEqualTo(200);

            try (ChatClient onA = ChatClient.connect(ws(nodeA, room, alice));
                 ChatClient onB = ChatClient.connect(ws(nodeB, room, bob))) {
                onA.next("connected");
                onB.next("connected");
                onA.send(Map.of("type", "message", "content", "before"));
                onA.next("ack");
                assertThat(onB.next("message")).containsEntry("message", "before");

                assertThat(redisGauges(nodeB)).as("the gauges while Redis answers").containsOnly(1.0);
                redis.stop();
                onA.send(Map.of("type", "message", "content", "during"));
                onA.next("ack");
                Map<String, Object> duringFrame = onB.next("message");
                assertThat(duringFrame).as("read from the database while Redis is down")
                        .containsEntry("message", "during");
                assertThat(redisGauges(nodeB)).as("the gauges while Redis is down").containsOnly(0.0);
                HttpTestClient.Response health = fullHealth(nodeB);
                assertThat(health.status()).as("the operator's full health while Redis is down").isEqualTo(503);
                assertThat(health.json().path("components").path("redis").path("details").toString())
                        .isEqualTo("{\"fanout\":false,\"presence\":false,\"throttle\":false}");
                assertThat(new HttpTestClient(port(nodeB)).get("/readyz", null).status())
                        .as("readiness: the node keeps serving without Redis").isEqualTo(200);

                // issue 10: gap filling restores every kind of change, not only posts
                long during = ((Number) duringFrame.get("message_id")).longValue();
                onA.send(Map.of("type", "edit", "message_id", during, "content", "during, edited"));
                assertThat(onB.next("message_edited")).as("an edit read from the change log while Redis is down")
                        .containsEntry("message", "during, edited");

                redis.startAgain();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (!redisGauges(nodeB).stream().allMatch(connected -> connected == 1.0)
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(redisGauges(nodeB)).as("the gauges once Redis is back").containsOnly(1.0);
                assertThat(fullHealth(nodeB).json().path("components").path("redis").path("status").asString())
                        .isEqualTo("UP");
                onA.send(Map.of("type", "message", "content", "after"));
                onA.next("ack");
                assertThat(onB.next("message")).as("the next message, not a repeat").containsEntry("message", "after");
                onB.send(Map.of("type", "message", "content", "back"));
                onB.next("ack");
                assertThat(onA.next("message")).containsEntry("message", "back");
            }
        }
    }

    /**
     * Node A cut off from Redis alone (a network partition) acknowledges a message, whose publish is lost, and
     * stops before it reaches Redis again, so that no word of it ever comes through Redis. Node B heard Redis
     * all along; its watchers of the room, a room connection and a {@code /ws/user} stream, get the message
     * anyway, from the database's change log, and once: the next message is the next frame. Fails before
     * nodes that hear Redis also looked at the change log of their watched rooms: B's watchers saw the message
     * only with the room's next change.
     */
    @Test
    void aMessageOfANodeThatStoppedWhileCutOffFromRedisReachesTheOtherNodesWatchers() {
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        String bucket = TestS3Server.freshBucketName();
        try (PrivateRedis redis = PrivateRedis.start();
             CuttableLink link = new CuttableLink(redis.url());
             TestDatabase database = TestDatabases.postgres(false);
             ConfigurableApplicationContext nodeB = start(database, key, bucket, "chat:", redis.url(),
                     "--chat.fanout.redis.store-check-interval=1s");
             ConfigurableApplicationContext nodeA = start(database, key, bucket, "chat:", link.url(),
                     "--chat.fanout.redis.timeout=1s")) {
            HttpTestClient a = new HttpTestClient(port(nodeA));
            HttpTestClient b = new HttpTestClient(port(nodeB));
            String alice = signUp(a, "alice");
            String bob = signUp(b, "bob");
            String room = "partition-" + suffix();
            long roomId = a.post("/api/rooms", "{\"name\":\"" + room + "\"}", alice).json().path("id").asLong();
            assertThat(b.post("/api/rooms/" + roomId + "/join", null, bob).status()).isEqualTo(200);

            try (ChatClient onA = ChatClient.connect(ws(nodeA, room, alice));
                 ChatClient onB = ChatClient.connect(ws(nodeB, room, bob));
                 ChatClient streamOnB = ChatClient.connect(URI.create("ws://127.0.0.1:" + port(nodeB)
                         + "/ws/user?token=" + bob))) {
                onA.next("connected");
                onB.next("connected");
                streamOnB.next("connected");
                onA.send(Map.of("type", "message", "content", "before"));
                onA.next("ack");
                assertThat(onB.next("message")).containsEntry("message", "before");
                assertThat(streamOnB.next("message")).containsEntry("message", "before");

                link.cut();
                onA.send(Map.of("type", "message", "content", "while cut off"));
                assertThat(onA.next("ack")).as("stored and acknowledged on A").containsKey("message_id");
                long acknowledged = System.nanoTime();
                nodeA.close();

                assertThat(onB.next("message")).as("the room connection on B, without a next message")
                        .containsEntry("message", "while cut off");
                System.out.printf("A message no event brought reached node B's watcher %d ms after it was "
                        + "acknowledged (store-check-interval 1 s)%n", (System.nanoTime() - acknowledged) / 1_000_000);
                assertThat(streamOnB.next("message")).as("the /ws/user stream on B, without a next message")
                        .containsEntry("message", "while cut off");
                onB.send(Map.of("type", "message", "content", "next"));
                onB.next("ack");
                assertThat(streamOnB.next("message")).as("the next message, not a repeat")
                        .containsEntry("message", "next");
                assertThat(onB.received()).as("nothing twice on the room connection")
                        .noneMatch(frame -> "message".equals(frame.get("type")));
            }
        }
    }

    /**
     * The node's gauges of its Redis clients (fan-out, presence, throttle; 1 connected, 0 not), as Prometheus scrapes
     * them from the management port.
     */
    private static List<Double> redisGauges(ConfigurableApplicationContext node) {
        int management = Integer.parseInt(node.getEnvironment().getProperty("local.management.port"));
        String metrics = new HttpTestClient(management).get("/actuator/prometheus", null).body();
        return Stream.of("chat_fanout_redis_connected", "chat_presence_redis_connected",
                "chat_throttle_redis_connected").map(name -> PrometheusText.value(metrics, name)).toList();
    }

    /**
     * The per-user limits are counted in the Redis both nodes share: a user spreading REST posts over the nodes has
     * one budget, not one a node. While that Redis is down they count nothing and refuse nothing: posting goes on.
     */
    @Test
    void aUsersRestPostsShareOneBudgetAcrossNodesAndARedisOutageLimitsNothing() throws Exception {
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        String bucket = TestS3Server.freshBucketName();
        String[] limits = {"--chat.limits.rest-posts-per-second=1", "--chat.limits.rest-post-burst=2"};
        try (PrivateRedis redis = PrivateRedis.start();
             TestDatabase database = TestDatabases.postgres(false);
             ConfigurableApplicationContext nodeA = start(database, key, bucket, "chat:", redis.url(), limits);
             ConfigurableApplicationContext nodeB = start(database, key, bucket, "chat:", redis.url(), limits)) {
            HttpTestClient a = new HttpTestClient(port(nodeA));
            HttpTestClient b = new HttpTestClient(port(nodeB));
            String alice = signUp(a, "alice");
            long room = a.post("/api/rooms", "{\"name\":\"limits-" + suffix() + "\"}", alice).json().path("id")
                    .asLong();
            String messages = "/api/rooms/" + room + "/messages";

            assertThat(a.post(messages, "{\"content\":\"on A\"}", alice).status()).isEqualTo(200);
            assertThat(b.post(messages, "{\"content\":\"on B\"}", alice).status()).isEqualTo(200);
            HttpTestClient.Response refused = b.post(messages, "{\"content\":\"on B again\"}", alice);
            assertThat(refused.status()).as("node B knows of the post on node A").isEqualTo(429);
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(a.post(messages, "{\"content\":\"on A again\"}", alice).status()).isEqualTo(429);

            redis.stop();
            for (int i = 0; i < 4; i++) {
                assertThat(a.post(messages, "{\"content\":\"during " + i + "\"}", alice).status())
                        .as("post %d while Redis is down", i).isEqualTo(200);
            }
            assertThat(a.get(messages, alice).json()).extracting(item -> item.path("message").asString())
                    .containsExactly("on A", "on B", "during 0", "during 1", "during 2", "during 3");
        }
    }

    /** The operator's full health, from the management port: each component with its status and details. */
    private static HttpTestClient.Response fullHealth(ConfigurableApplicationContext node) {
        int management = Integer.parseInt(node.getEnvironment().getProperty("local.management.port"));
        return new HttpTestClient(management).get("/actuator/health", null);
    }

    private ConfigurableApplicationContext start(TestDatabase database, String key, String bucket, String channels,
                                                 String redis, String... extra) {
        List<String> settings = new ArrayList<>(List.of("--chat.websocket.session-check-interval=1s"));
        settings.addAll(List.of(extra));
        return ProductionNodes.start(dataDir, database, key, bucket, channels, redis, settings.toArray(String[]::new));
    }

    /** A new user's access token. */
    private static String signUp(HttpTestClient node, String name) {
        return node.post("/api/auth/signup", AuthFlowContract.credentials(name + suffix(), "correct horse"), null)
                .text("access_token");
    }

    private static URI ws(ConfigurableApplicationContext node, String room, String token) {
        return URI.create("ws://127.0.0.1:" + port(node) + "/ws/chat/" + room + "?token=" + token);
    }
}
