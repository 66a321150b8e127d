package org.chatserver.adapter.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.chatserver.application.port.out.notification.Notice;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The webhook against a real HTTP receiver on loopback (the JDK's com.sun.net.httpserver). */
class WebhookNotificationsTest {

    private static final String SECRET = "a-shared-secret-of-some-length";
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.750Z");

    /** What the receiver saw of one request. */
    record Received(Map<String, List<String>> headers, String body, long atNanos) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** A receiver answering each request with the status the supplier gives (and Retry-After when asked). */
    private URI receiver(IntSupplier status, String retryAfter, CountDownLatch holdUntil) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime()));
            if (holdUntil != null) {
                try {
                    holdUntil.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private WebhookNotifications webhook(URI url, int maxAttempts, Duration firstRetry, int queueSize, int senders) {
        WebhookNotifications webhook = new WebhookNotifications(new WebhookProperties(url, SECRET, Duration.ofSeconds(2),
                maxAttempts, firstRetry, Duration.ofSeconds(5), queueSize, senders), Clock.systemUTC());
        toClose.add(webhook);
        return webhook;
    }

    @Test
    void aNoticeIsOneSignedJsonPost() throws Exception {
        WebhookNotifications webhook = webhook(receiver(() -> 204, null, null), 3, Duration.ofMillis(100), 10, 1);

        webhook.send(mention("bob"));

        awaitTrue(() -> webhook.counts()[1] == 1);
        Received request = received.getFirst();
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Chat-Event")).isEqualTo("mention");
        assertThat(request.header("X-Chat-Attempt")).isEqualTo("1");
        JsonNode json = JsonMapper.builder().build().readTree(request.body());
        assertThat(json.path("id").asString()).isEqualTo(request.header("X-Chat-Delivery"));
        assertThat(json.path("type").asString()).isEqualTo("mention");
        assertThat(json.path("recipient").path("id").asLong()).isEqualTo(2);
        assertThat(json.path("recipient").path("username").asString()).isEqualTo("bob");
        assertThat(json.path("room_id").asLong()).isEqualTo(7);
        assertThat(json.path("message_id").asLong()).isEqualTo(42);
        assertThat(json.path("sender").asString()).isEqualTo("alice");
        assertThat(json.path("preview").asString()).isEqualTo("hi @bob, lunch? \"quoted\" ✓");
        assertThat(json.path("created_at").asString()).isEqualTo("2026-11-25T10:00:00Z");

        // what a receiver does: HMAC-SHA256 of "<timestamp>.<body>" with the shared secret
        long timestamp = Long.parseLong(request.header("X-Chat-Timestamp"));
        assertThat(timestamp).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((timestamp + "." + request.body())
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("X-Chat-Signature")).isEqualTo("v1=" + expected);
    }

    @Test
    void aFailingReceiverIsTriedAgainWithGrowingWaitsAndTheSameDeliveryId() throws Exception {
        int[] answers = {503, 500, 200};
        int[] calls = {0};
        WebhookNotifications webhook = webhook(receiver(() -> answers[Math.min(calls[0]++, 2)], null, null), 5,
                Duration.ofMillis(200), 10, 1);

        webhook.send(directMessage("bob"));

        awaitTrue(() -> webhook.counts()[1] == 1);
        assertThat(received).hasSize(3);
        assertThat(received).extracting(r -> r.header("X-Chat-Delivery")).containsOnly(received.getFirst()
                .header("X-Chat-Delivery"));
        assertThat(received).extracting(r -> r.header("X-Chat-Attempt")).containsExactly("1", "2", "3");
        assertThat(received).extracting(r -> r.header("X-Chat-Event")).containsOnly("direct_message");
        long firstWait = received.get(1).atNanos() - received.get(0).atNanos();
        long secondWait = received.get(2).atNanos() - received.get(1).atNanos();
        assertThat(Duration.ofNanos(firstWait)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(Duration.ofNanos(secondWait)).as("doubled").isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(webhook.counts()[0]).as("nothing held any more").isZero();
    }

    @Test
    void aRefusalEndsItAndSoDoesTheLastAttempt() throws Exception {
        int[] status = {400};
        WebhookNotifications webhook = webhook(receiver(() -> status[0], null, null), 3, Duration.ofMillis(50), 10, 1);

        webhook.send(mention("bob"));
        awaitTrue(() -> webhook.counts()[3] == 1);
        assertThat(received).as("a 400 is not tried again").hasSize(1);

        status[0] = 502;
        webhook.send(mention("carol"));
        awaitTrue(() -> webhook.counts()[3] == 2);
        assertThat(received).as("then three attempts of the second").hasSize(4);
        assertThat(webhook.counts()[0]).isZero();
    }

    @Test
    void aReceiversRetryAfterIsHonoured() throws Exception {
        int[] calls = {0};
        WebhookNotifications webhook = webhook(receiver(() -> calls[0]++ == 0 ? 429 : 200, "1", null), 3,
                Duration.ofMillis(50), 10, 1);

        webhook.send(mention("bob"));

        awaitTrue(() -> webhook.counts()[1] == 1);
        assertThat(Duration.ofNanos(received.get(1).atNanos() - received.get(0).atNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void theQueueIsBoundedWhatDoesNotFitIsDroppedAndCounted() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        WebhookNotifications webhook = webhook(receiver(() -> 200, null, stuck), 3, Duration.ofMillis(50), 2, 1);

        for (int i = 0; i < 5; i++) {
            webhook.send(mention("user" + i));
        }

        assertThat(webhook.counts()[2]).as("dropped at once, the caller not held up").isEqualTo(3);
        assertThat(webhook.counts()[0]).isEqualTo(2);
        stuck.countDown();
        awaitTrue(() -> webhook.counts()[1] == 2);
        assertThat(received).hasSize(2);
    }

    @Test
    void aReceiverThatIsNotThereIsTriedAgainUntilTheAttemptsRunOut() {
        WebhookNotifications webhook = webhook(URI.create("http://127.0.0.1:1/hook"), 2, Duration.ofMillis(50), 10, 1);

        webhook.send(mention("bob"));

        awaitTrue(() -> webhook.counts()[3] == 1);
        assertThat(webhook.counts()[0]).isZero();
    }

    @Test
    void badSettingsStopStartUpNamingTheProperty() {
        assertThatThrownBy(() -> new WebhookProperties(URI.create("ftp://example.com/x"), SECRET, Duration.ofSeconds(1),
                3, Duration.ofSeconds(1), Duration.ofMinutes(1), 10, 1))
                .hasMessageContaining("chat.notifications.webhook.url");
        assertThatThrownBy(() -> new WebhookProperties(URI.create("https://example.com/x"), "short",
                Duration.ofSeconds(1), 3, Duration.ofSeconds(1), Duration.ofMinutes(1), 10, 1))
                .hasMessageContaining("chat.notifications.webhook.secret").hasMessageNotContaining("short");
        assertThatThrownBy(() -> new WebhookProperties(URI.create("https://example.com/x"), SECRET,
                Duration.ofSeconds(1), 0, Duration.ofSeconds(1), Duration.ofMinutes(1), 10, 1))
                .hasMessageContaining("max-attempts");
    }

    private static Notice mention(String recipient) {
        return new Notice(Notice.Kind.MENTION, new UserId(2), new Username(recipient), new RoomId(7),
                new MessageId(42), new Username("alice"), "hi @" + recipient + ", lunch? \"quoted\" ✓", AT);
    }

    private static Notice directMessage(String recipient) {
        return new Notice(Notice.Kind.DIRECT_MESSAGE, new UserId(2), new Username(recipient), new RoomId(9),
                new MessageId(43), new Username("alice"), "psst", AT);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 15 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
