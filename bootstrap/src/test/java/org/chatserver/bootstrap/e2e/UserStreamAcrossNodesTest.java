package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.bootstrap.e2e.ProductionNodes.REDIS;
import static org.chatserver.bootstrap.e2e.ProductionNodes.port;
import static org.chatserver.bootstrap.e2e.ProductionNodes.suffix;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
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
 * Issue 11's {@code /ws/user} across two production nodes (PostgreSQL, S3, Redis): bob's one
 * connection on node B hears of a room he is added to on node A, of messages posted on node A with
 * their {@code room_id} and his unread counts, of his own read on node A, of alice coming online on
 * node A; and what he posts over it reaches alice's room connection on node A.
 */
class UserStreamAcrossNodesTest {

    @TempDir
    static Path dataDir;

    private static TestDatabase database;
    /** Deletes the nodes' Redis keys (presence, throttle) once they have stopped. */
    private static AutoCloseable keys;
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static HttpTestClient a;
    private static HttpTestClient b;

    @BeforeAll
    static void startTwoNodes() {
        String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        String bucket = TestS3Server.freshBucketName();
        String prefix = "chat-test-" + suffix() + ":";
        database = TestDatabases.postgres(false);
        keys = ProductionNodes.redisKeys(prefix);
        nodeA = ProductionNodes.start(dataDir, database, key, bucket, prefix, REDIS);
        nodeB = ProductionNodes.start(dataDir, database, key, bucket, prefix, REDIS);
        a = new HttpTestClient(port(nodeA));
        b = new HttpTestClient(port(nodeB));
    }

    @AfterAll
    static void stopNodes() {
        ProductionNodes.stopAll(nodeA, nodeB, database, keys);
    }

    @Test
    void aRoomAddedAMessageAndAReadOnNodeAReachBobsStreamOnNodeBAndHisPostsGoBack() {
        String bobName = "bob" + suffix();
        String aliceName = "alice" + suffix();
        String alice = signUp(a, aliceName);
        String bob = signUp(b, bobName);
        long room = a.post("/api/rooms", "{\"name\":\"stream-" + suffix() + "\",\"is_private\":true}", alice)
                .json().path("id").asLong();

        try (ChatClient stream = ChatClient.connect(userStream(nodeB, bob))) {
            Map<String, Object> connected = stream.next();
            assertThat(connected).containsEntry("type", "connected").containsEntry("username", bobName)
                    .containsEntry("rooms", List.of());

            assertThat(a.post("/api/rooms/" + room + "/members", "{\"username\":\"" + bobName + "\"}", alice)
                    .status()).isEqualTo(200);
            assertThat(stream.next()).containsEntry("type", "room_added").containsEntry("id", (int) room)
                    .containsEntry("is_private", true).containsEntry("unread_count", 0);

            try (ChatClient aliceInRoom = ChatClient.connect(roomSocket(nodeA, room, alice))) {
                aliceInRoom.next("connected");
                // alice connected on node A: bob, who shares the room with her, hears it on node B
                assertThat(stream.next()).containsEntry("type", "presence").containsEntry("username", aliceName)
                        .containsEntry("status", "online");
                aliceInRoom.send(Map.of("type", "message", "content", "@" + bobName + " hello from A"));
                long posted = ((Number) aliceInRoom.next("ack").get("message_id")).longValue();

                assertThat(stream.next()).containsEntry("type", "message").containsEntry("room_id", (int) room)
                        .containsEntry("message_id", (int) posted).containsKey("cursor");
                assertThat(stream.next()).isEqualTo(Map.of("type", "unread", "room_id", (int) room,
                        "unread_count", 1, "mention_count", 1));

                assertThat(a.post("/api/rooms/" + room + "/mark-read", null, bob).status()).isEqualTo(200);
                assertThat(stream.next("unread")).isEqualTo(Map.of("type", "unread", "room_id", (int) room,
                        "unread_count", 0, "mention_count", 0));

                stream.send(Map.of("type", "message", "room_id", room, "content", "hi from B", "client_id", "b-1"));
                Map<String, Object> ack = stream.next("ack");
                assertThat(ack).containsEntry("room_id", (int) room).containsEntry("client_id", "b-1");
                assertThat(aliceInRoom.next("message")).containsEntry("message", "hi from B")
                        .containsEntry("message_id", ack.get("message_id"));
            }

            assertThat(a.delete("/api/rooms/" + room + "/members/" + bobName, alice).status()).isEqualTo(200);
            assertThat(stream.next("room_removed")).isEqualTo(Map.of("type", "room_removed", "room_id", (int) room));
        }
    }

    private static String signUp(HttpTestClient node, String name) {
        return node.post("/api/auth/signup", AuthFlowContract.credentials(name, "correct horse"), null)
                .text("access_token");
    }

    private static URI userStream(ConfigurableApplicationContext node, String token) {
        return URI.create("ws://127.0.0.1:" + port(node) + "/ws/user?token=" + token);
    }

    private static URI roomSocket(ConfigurableApplicationContext node, long room, String token) {
        return URI.create("ws://127.0.0.1:" + port(node) + "/ws/chat/" + room + "?token=" + token);
    }
}
