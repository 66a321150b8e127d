package org.chatserver.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two production nodes on a private PostgreSQL and a private Redis. While messages stream across
 * the nodes, PostgreSQL is stopped and started (requests are refused quickly with 503, both nodes
 * leave the load balancer's rotation and rejoin it), then Redis. Clients resend what was not
 * acknowledged; nothing acknowledged is lost or duplicated, and every message reaches every
 * receiver on both nodes.
 */
@Tag("resilience")
class DependencyOutageTest {

    private static final int UNAVAILABLE = 503;

    @TempDir
    Path shared;

    @Test
    void postgresAndRedisStoppedAndStartedMidStream() {
        try (PrivatePostgres postgres = new PrivatePostgres(); PrivateRedis redis = new PrivateRedis()) {
            postgres.start();
            redis.start();
            List<String> settings = ProductionSettings.of(postgres, redis, shared);
            try (ServerProcess a = new ServerProcess("node-a", settings, Map.of(), List.of());
                 ServerProcess b = new ServerProcess("node-b", settings, Map.of(), List.of())) {
                a.launch();
                b.launch();
                a.awaitReady();
                b.awaitReady();
                ChatApi apiA = new ChatApi(a.baseUrl());
                ChatApi apiB = new ChatApi(b.baseUrl());
                ChatApi.Account owner = apiA.signUp("owner");
                long room = apiA.createRoom(owner.token(), "outage-" + UUID.randomUUID().toString().substring(0, 8));

                try (ChatTraffic traffic = new ChatTraffic(room)) {
                    for (int i = 0; i < 4; i++) {
                        ServerProcess node = i % 2 == 0 ? a : b;
                        traffic.addSender("sender" + i, node.baseUrl(), apiA.signUp("sender").token());
                    }
                    traffic.addReceiver("receiver-a", a.baseUrl(), apiA.signUp("receiver").token());
                    traffic.addReceiver("receiver-b", b.baseUrl(), apiB.signUp("receiver").token());
                    traffic.awaitConnected(Duration.ofSeconds(120));
                    traffic.startSending();
                    traffic.awaitAcked(30, Duration.ofSeconds(120));

                    postgres.stop();
                    ChatApi.Answer rooms = apiA.get("/api/rooms", owner.token());
                    ChatApi.Answer signup = apiB.post("/api/auth/signup", ChatApi.credentials("late"
                            + UUID.randomUUID().toString().substring(0, 8)), null);
                    for (ChatApi.Answer refused : List.of(rooms, signup)) {
                        assertThat(refused.status()).as(refused.body()).isEqualTo(UNAVAILABLE);
                        assertThat(refused.retryAfter()).as("Retry-After").isPresent();
                        assertThat(refused.detail()).isEqualTo("The database is unavailable; try again shortly");
                    }
                    a.awaitReadiness(UNAVAILABLE);
                    Duration probeWhileDown = b.awaitReadiness(UNAVAILABLE);
                    Machine.sleep(Duration.ofSeconds(2));
                    Instant restarted = Instant.now();
                    postgres.start();
                    a.awaitReadiness(200);
                    b.awaitReadiness(200);
                    Duration backInRotation = Duration.between(restarted, Instant.now());
                    traffic.awaitAcked(30, Duration.ofSeconds(180));

                    redis.stop();
                    long ackedWithoutRedis = traffic.acked();
                    Machine.sleep(Duration.ofSeconds(3));
                    long ackedDuringRedisOutage = traffic.acked() - ackedWithoutRedis;
                    redis.start();
                    traffic.awaitAcked(30, Duration.ofSeconds(180));
                    for (ServerProcess node : List.of(a, b)) {
                        // told once that Redis was lost and once that it is back, not at every reconnect attempt
                        assertThat(node.output()).as(node + "'s log").contains("Lost the connection to Redis at")
                                .doesNotContain("Cannot reconnect to").doesNotContain("Reconnecting, last destination");
                    }

                    traffic.settle(Duration.ofSeconds(180));
                    Map<String, Long> counts = traffic.verify(apiA.history(owner.token(), room));
                    System.out.printf("resilience: PostgreSQL down: refusals took %d ms (GET /api/rooms) and %d ms"
                                    + " (signup), a readiness probe answered DOWN in %d ms, both nodes ready again %d ms"
                                    + " after PostgreSQL restarted; %d messages acknowledged while Redis was down; %s%n",
                            rooms.took().toMillis(), signup.took().toMillis(), probeWhileDown.toMillis(),
                            backInRotation.toMillis(), ackedDuringRedisOutage, counts);
                }
            }
        }
    }
}
