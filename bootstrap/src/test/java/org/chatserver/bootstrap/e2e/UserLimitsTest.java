package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.chatserver.adapter.websocket.ChatClient;
import org.chatserver.bootstrap.PrometheusText;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The per-user limits as a client meets them over the real server: posts over REST and rooms opened past their
 * budget are answered 429 with {@code Retry-After} and a detail saying what to do, store nothing, and are counted
 * in Prometheus. Budgets are tiny here (two posts, then one a second; two rooms, then one an hour).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UserLimitsTest {

    private static final String POSTS_REFUSED = "chat_throttle_refusals_total{what=\"posts\"}";
    private static final String ROOMS_REFUSED = "chat_throttle_refusals_total{what=\"rooms\"}";

    @DynamicPropertySource
    static void lowLimits(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("user-limits-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
        registry.add("chat.limits.rest-posts-per-second", () -> "1");
        registry.add("chat.limits.rest-post-burst", () -> "2");
        registry.add("chat.limits.rooms-per-hour", () -> "1");
        registry.add("chat.limits.room-burst", () -> "2");
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void postsOverRestPastTheBudgetAre429WithRetryAfterAndStoreNothing() {
        HttpTestClient http = new HttpTestClient(port);
        double refusedBefore = PrometheusText.value(metrics(), POSTS_REFUSED);
        String token = signUp(http, "poster" + suffix());
        String bystander = signUp(http, "bystander" + suffix());
        long room = http.post("/api/rooms", "{\"name\":\"limits-" + suffix() + "\"}", token).json().get("id").asLong();
        String messages = "/api/rooms/" + room + "/messages";

        assertThat(http.post(messages, "{\"content\":\"one\"}", token).status()).isEqualTo(200);
        assertThat(http.post(messages, "{\"content\":\"two\"}", token).status()).isEqualTo(200);
        HttpTestClient.Response refused = http.post(messages, "{\"content\":\"three\"}", token);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.text("detail")).isEqualTo("Too many messages in a short time: wait 1 second, then post again");
        assertThat(http.get(messages, token).json()).extracting(item -> item.get("message").asString())
                .containsExactly("one", "two");
        assertThat(PrometheusText.value(metrics(), POSTS_REFUSED)).isEqualTo(refusedBefore + 1);
        // someone else's budget is their own
        assertThat(http.post(messages, "{\"content\":\"mine\"}", bystander).status()).isEqualTo(200);
    }

    @Test
    void aWebSocketPostIsNotHeldToTheRestBudget() throws Exception {
        HttpTestClient http = new HttpTestClient(port);
        String token = signUp(http, "socket" + suffix());
        String name = "socket-" + suffix();
        long room = http.post("/api/rooms", "{\"name\":\"" + name + "\"}", token).json().get("id").asLong();
        String messages = "/api/rooms/" + room + "/messages";
        int answered = 200;
        for (int i = 0; i < 10 && answered == 200; i++) {
            answered = http.post(messages, "{\"content\":\"over rest\"}", token).status();
        }
        assertThat(answered).as("the REST budget spent").isEqualTo(429);

        try (ChatClient client = ChatClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + room
                + "?token=" + token))) {
            client.until("connected");
            client.send(Map.of("type", "message", "content", "over the socket"));
            assertThat(client.until("ack")).isNotEmpty();
        }
    }

    @Test
    void roomsAndNewDirectMessagesPastTheBudgetAre429ButAnOpenConversationStillOpens() {
        HttpTestClient http = new HttpTestClient(port);
        double refusedBefore = PrometheusText.value(metrics(), ROOMS_REFUSED);
        String token = signUp(http, "opener" + suffix());
        String friend = "friend" + suffix();
        signUp(http, friend);
        String stranger = "stranger" + suffix();
        signUp(http, stranger);

        assertThat(http.post("/api/rooms", "{\"name\":\"first-" + suffix() + "\"}", token).status()).isEqualTo(200);
        long dm = http.post("/api/dms", "{\"username\":\"" + friend + "\"}", token).json().get("id").asLong();
        HttpTestClient.Response refusedRoom = http.post("/api/rooms", "{\"name\":\"third-" + suffix() + "\"}", token);
        HttpTestClient.Response refusedDm = http.post("/api/dms", "{\"username\":\"" + stranger + "\"}", token);

        assertThat(refusedRoom.status()).isEqualTo(429);
        assertThat(Long.parseLong(refusedRoom.header("Retry-After"))).isBetween(3_500L, 3_600L);
        assertThat(refusedRoom.text("detail"))
                .isEqualTo("Too many new rooms in a short time: wait 60 minutes, then try again");
        assertThat(refusedDm.status()).isEqualTo(429);
        assertThat(refusedDm.header("Retry-After")).isNotNull();
        assertThat(refusedDm.text("detail")).startsWith("Too many new rooms in a short time: wait ");
        assertThat(http.post("/api/dms", "{\"username\":\"" + friend + "\"}", token).json().get("id").asLong())
                .as("the conversation there already").isEqualTo(dm);
        assertThat(http.get("/api/rooms", token).json()).filteredOn(item -> item.get("is_member").asBoolean())
                .extracting(item -> item.get("name").asString())
                .noneMatch(n -> n.startsWith("third-")).hasSize(2);
        assertThat(PrometheusText.value(metrics(), ROOMS_REFUSED)).isEqualTo(refusedBefore + 2);
    }

    private static String signUp(HttpTestClient http, String name) {
        return http.post("/api/auth/signup", AuthFlowContract.credentials(name, "correct horse"), null)
                .text("access_token");
    }

    private String metrics() {
        return new HttpTestClient(managementPort).get("/actuator/prometheus", null).body();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
