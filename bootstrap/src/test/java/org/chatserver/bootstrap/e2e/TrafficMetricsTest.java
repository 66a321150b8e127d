package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
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
 * What a node did, as an operator's Prometheus scrapes it from the management port: messages stored, frames sent
 * to clients, and requests refused for going over a limit, by what was refused. Limits are low here so that a few
 * requests meet them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TrafficMetricsTest {

    private static final String STORED = "chat_messages_stored_total";
    private static final String SENT = "chat_websocket_frames_sent_total";
    private static final String LOGINS_REFUSED = "chat_throttle_refusals_total{what=\"login\"}";
    private static final String SIGN_UPS_REFUSED = "chat_throttle_refusals_total{what=\"signup\"}";
    private static final String FRAMES_REFUSED = "chat_throttle_refusals_total{what=\"frames\"}";
    private static final String FLOODING = "Too many messages: slow down";

    @DynamicPropertySource
    static void lowLimits(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("traffic-metrics-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
        registry.add("chat.auth.username-free-failures", () -> "1");
        registry.add("chat.auth.signup-free-attempts", () -> "1");
        registry.add("chat.websocket.frame-burst", () -> "1");
        registry.add("chat.websocket.frames-per-second", () -> "1");
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void storedMessagesSentFramesAndRefusalsByKindAreCountersInPrometheus() {
        HttpTestClient http = new HttpTestClient(port);
        String metrics = metrics();
        double stored = PrometheusText.value(metrics, STORED);
        double sent = PrometheusText.value(metrics, SENT);
        double loginsRefused = PrometheusText.value(metrics, LOGINS_REFUSED);
        double signUpsRefused = PrometheusText.value(metrics, SIGN_UPS_REFUSED);
        double framesRefused = PrometheusText.value(metrics, FRAMES_REFUSED);

        String name = "metrics" + suffix();
        String token = http.post("/api/auth/signup", AuthFlowContract.credentials(name, "correct horse"), null)
                .text("access_token");
        assertThat(untilRefused(() -> http.post("/api/auth/signup",
                AuthFlowContract.credentials("more" + suffix(), "correct horse"), null).status()))
                .as("sign-ups from this address, the last refused").isBetween(1, 5);
        assertThat(untilRefused(() -> http.post("/api/auth/login",
                AuthFlowContract.credentials(name, "a wrong guess"), null).status()))
                .as("failed logins for the name, the last refused").isBetween(1, 5);
        String room = "metrics-" + suffix();
        assertThat(http.post("/api/rooms", "{\"name\":\"" + room + "\"}", token).status()).isEqualTo(200);

        List<Map<String, Object>> received = new ArrayList<>();
        try (ChatClient client = ChatClient.connect(URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + room
                + "?token=" + token))) {
            received.addAll(client.until("connected"));
            client.send(Map.of("type", "message", "content", "counted once"));
            received.addAll(client.until("ack"));
            // one frame a second after a burst of one: of these, sent at once, at least the first is refused;
            // each is answered with an error frame, refused or not (not a frame the server knows)
            for (int i = 0; i < 3; i++) {
                client.send(Map.of("type", "nonsense"));
            }
            for (int answered = 0; answered < 3; ) {
                Map<String, Object> frame = client.next();
                received.add(frame);
                answered += "error".equals(frame.get("type")) ? 1 : 0;
            }
            // a frame is counted once the socket took it, a moment after the client may have read it
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (PrometheusText.value(metrics(), SENT) != sent + received.size() && System.nanoTime() < deadline) {
                received.addAll(client.received());
            }
        }
        long flooding = received.stream().filter(frame -> FLOODING.equals(frame.get("message"))).count();
        assertThat(flooding).as("frames refused for flooding").isPositive();

        metrics = metrics();
        assertThat(PrometheusText.value(metrics, STORED)).as("messages stored").isEqualTo(stored + 1);
        assertThat(PrometheusText.value(metrics, SENT)).as("frames the client received").isEqualTo(sent + received.size());
        assertThat(PrometheusText.value(metrics, LOGINS_REFUSED)).as("logins refused").isEqualTo(loginsRefused + 1);
        assertThat(PrometheusText.value(metrics, SIGN_UPS_REFUSED)).as("sign-ups refused").isEqualTo(signUpsRefused + 1);
        assertThat(PrometheusText.value(metrics, FRAMES_REFUSED)).as("frames refused for flooding")
                .isEqualTo(framesRefused + flooding);
    }

    /** Makes the request until it is refused with 429 (at most five times); how many were made. */
    private static int untilRefused(IntSupplier request) {
        for (int made = 1; made <= 5; made++) {
            if (request.getAsInt() == 429) {
                return made;
            }
        }
        return 6;
    }

    private String metrics() {
        return new HttpTestClient(managementPort).get("/actuator/prometheus", null).body();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
