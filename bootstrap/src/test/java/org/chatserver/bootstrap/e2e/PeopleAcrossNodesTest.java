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
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.adapter.storage.s3.TestS3Server;
import org.chatserver.adapter.websocket.ChatClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Knowing about people across two production nodes (PostgreSQL, S3, Redis): read receipts made on
 * one node reach the room's watchers on the other, coalesced; presence is the same on both nodes,
 * and the users of a node that dies (here: cut off from Redis, as the other nodes see a dead one)
 * show offline within its presence TTL, kept at 1 s here.
 */
class PeopleAcrossNodesTest {


    @TempDir
    static Path dataDir;

    private static TestDatabase database;
    /** Deletes the nodes' Redis keys (presence, throttle) once they have stopped. */
    private static AutoCloseable keys;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static HttpTestClient a;
    private static HttpTestClient b;
    /** Node B's link to Redis for presence: cut it, and B is dead as far as presence goes. */
    private static TcpProxy presenceLinkOfB;

    @BeforeAll
    static void startTwoNodes() {
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        String bucket = TestS3Server.freshBucketName();
        String prefix = "chat-test-" + suffix() + ":";
        database = TestDatabases.postgres(false);
        URI redis = URI.create(REDIS);
        presenceLinkOfB = new TcpProxy(redis.getHost(), redis.getPort() < 0 ? 6379 : redis.getPort());
        keys = ProductionNodes.redisKeys(prefix);
        nodeA = start(key, bucket, prefix, REDIS);
        nodeB = start(key, bucket, prefix, "redis://127.0.0.1:" + presenceLinkOfB.port());
        a = new HttpTestClient(port(nodeA));
        b = new HttpTestClient(port(nodeB));
    }

    @AfterAll
    static void stopNodes() {
        ProductionNodes.stopAll(nodeA, nodeB, presenceLinkOfB, database, keys);
    }

    @Test
    void readFramesCrossNodesAtMostOncePerSecondPerMemberWithTheLastPosition() {
        String alice = signUp(a, "alice" + suffix());
        String bobName = "bob" + suffix();
        String bob = signUp(b, bobName);
        long room = a.post("/api/rooms", "{\"name\":\"reads-" + suffix() + "\"}", alice).json().path("id").asLong();
        assertThat(b.post("/api/rooms/" + room + "/join", null, bob).status()).isEqualTo(200);

        try (ChatClient onA = ChatClient.connect(ws(nodeA, room, alice))) {
            onA.next("connected");
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                onA.send(Map.of("type", "message", "content", "m" + i));
                ids.add(((Number) onA.next("ack").get("message_id")).longValue());
            }

            long started = System.nanoTime();
            for (long id : ids) {
                assertThat(b.post("/api/rooms/" + room + "/mark-read", "{\"up_to\":" + id + "}", bob).status())
                        .isEqualTo(200);
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            Map<String, Object> first = onA.next("read");
            assertThat(first).containsOnlyKeys("type", "room_id", "username", "last_read_message_id")
                    .containsEntry("room_id", (int) room).containsEntry("username", bobName);
            List<Long> positions = new ArrayList<>(List.of(((Number) first.get("last_read_message_id")).longValue()));
            while (positions.getLast() < ids.getLast()) {
                positions.add(((Number) onA.next("read").get("last_read_message_id")).longValue());
            }
            assertThat(positions).isSorted();
            if (tookMillis < 900) {
                // all three within one window: the first at once, the furthest at its end, nothing between
                assertThat(positions).containsExactly(ids.getFirst(), ids.getLast());
            }

            assertThat(b.get("/api/rooms/" + room + "/messages/" + ids.getFirst() + "/seen-by", alice).json()
                    .get(0).path("username").asString()).isEqualTo(bobName);
        }
    }

    @Test
    void presenceIsTheSameOnEveryNodeAndADeadNodesUsersGoOfflineWithinItsTtl() {
        String alice = signUp(a, "alice" + suffix());
        String bobName = "bob" + suffix();
        String bob = signUp(b, bobName);
        long room = a.post("/api/rooms", "{\"name\":\"people-" + suffix() + "\"}", alice).json().path("id").asLong();
        assertThat(b.post("/api/rooms/" + room + "/join", null, bob).status()).isEqualTo(200);
        assertThat(a.get("/api/users/" + bobName, alice).json().path("status").asString()).isEqualTo("offline");
        assertThat(a.get("/api/users/" + bobName, alice).json().path("last_seen").isNull()).isTrue();

        try (ChatClient onB = ChatClient.connect(ws(nodeB, room, bob))) {
            onB.next("connected");
            awaitStatus(a, bobName, alice, "online");
            assertThat(a.get("/api/rooms/" + room + "/members", alice).json().get(1).path("status").asString())
                    .isEqualTo("online");

            onB.send(Map.of("type", "presence", "status", "away"));
            awaitStatus(a, bobName, alice, "away");
            onB.send(Map.of("type", "typing"));
            awaitStatus(a, bobName, alice, "online");
        }
        awaitStatus(a, bobName, alice, "offline");
        assertThat(a.get("/api/users/" + bobName, alice).json().path("last_seen").asString()).isNotBlank();

        try (ChatClient onB = ChatClient.connect(ws(nodeB, room, bob))) {
            onB.next("connected");
            awaitStatus(a, bobName, alice, "online");

            presenceLinkOfB.blackhole();
            long cut = System.nanoTime();
            awaitStatus(a, bobName, alice, "offline");
            long tookMillis = (System.nanoTime() - cut) / 1_000_000;
            System.out.println("presence: node B's user showed offline on node A " + tookMillis
                    + " ms after B was cut off (TTL 1 s)");
            assertThat(tookMillis).as("within the TTL, plus a heartbeat and a look").isLessThan(3_000);
            assertThat(a.get("/api/users/" + bobName, alice).json().path("last_seen").asString()).isNotBlank();
        } finally {
            presenceLinkOfB.restore();
        }
    }

    /**
     * Issue 11 across nodes: a direct message opened on one node is the room the other node opens for
     * the peer; a mention posted on node A reaches bob on node B with its mentions, and node B counts it.
     */
    @Test
    void aDirectMessageAndAMentionAreTheSameOnBothNodes() {
        String aliceName = "alice" + suffix();
        String bobName = "bob" + suffix();
        String alice = signUp(a, aliceName);
        String bob = signUp(b, bobName);

        long dm = a.post("/api/dms", "{\"username\":\"" + bobName + "\"}", alice).json().path("id").asLong();
        assertThat(b.post("/api/dms", "{\"username\":\"" + aliceName + "\"}", bob).json().path("id").asLong())
                .isEqualTo(dm);

        try (ChatClient onA = ChatClient.connect(ws(nodeA, dm, alice));
             ChatClient onB = ChatClient.connect(ws(nodeB, dm, bob))) {
            onA.next("connected");
            onB.next("connected");
            onA.send(Map.of("type", "message", "content", "@" + bobName + " across"));
            assertThat(onB.next("message")).containsEntry("mentions", List.of(bobName))
                    .containsEntry("message", "@" + bobName + " across");
        }

        var inBobsList = b.get("/api/rooms", bob).json();
        for (var room : inBobsList) {
            if (room.path("id").asLong() == dm) {
                assertThat(room.path("kind").asString()).isEqualTo("dm");
                assertThat(room.path("peer").asString()).isEqualTo(aliceName);
                assertThat(room.path("mention_count").asLong()).isEqualTo(1);
                return;
            }
        }
        throw new AssertionError("the direct message is not in bob's room list on node B");
    }

    private static void awaitStatus(HttpTestClient node, String username, String token, String status) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String seen;
        while (!(seen = node.get("/api/users/" + username, token).json().path("status").asString()).equals(status)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(username + " is " + seen + ", not " + status + ", after 10 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static ConfigurableApplicationContext start(String key, String bucket, String prefix, String presenceRedis) {
        return ProductionNodes.start(dataDir, database, key, bucket, prefix, REDIS,
                "--chat.presence.redis.url=" + presenceRedis,
                "--chat.presence.redis.node-ttl=1s",
                "--chat.presence.redis.timeout=500ms");
    }

    private static String signUp(HttpTestClient node, String name) {
        return node.post("/api/auth/signup", AuthFlowContract.credentials(name, "correct horse"), null)
                .text("access_token");
    }

    private static URI ws(ConfigurableApplicationContext node, long room, String token) {
        return URI.create("ws://127.0.0.1:" + port(node) + "/ws/chat/" + room + "?token=" + token);
    }
}
