package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.user.TrackPresenceUseCase;
import org.chatserver.application.port.out.notification.Notice;
import org.chatserver.application.service.notification.OfflineNotices;
import org.chatserver.bootstrap.TestDataDirs;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.SessionId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code chat.notifications.type=webhook} as wired: the notices that mentions and direct messages
 * hand to {@link OfflineNotices} reach a real HTTP receiver, signed, for recipients who are
 * offline, and not for those who are connected.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NotificationWebhookTest {

    private static final LinkedBlockingQueue<String> RECEIVED = new LinkedBlockingQueue<>();
    private static final HttpServer RECEIVER = receiver();

    @Autowired
    OfflineNotices notices;

    @Autowired
    TrackPresenceUseCase presence;

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("notification-webhook-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
        registry.add("chat.notifications.type", () -> "webhook");
        registry.add("chat.notifications.webhook.url",
                () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/push");
        registry.add("chat.notifications.webhook.secret", () -> "test-secret-of-enough-length");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop(0);
    }

    @Test
    void offlineRecipientsAreNotifiedThroughTheWebhookConnectedOnesAreNot() throws InterruptedException {
        Notice toOffline = notice(9001, "faraway");
        Notice toOnline = notice(9002, "rightthere");
        presence.connected(new AuthenticatedUser(new UserId(9002), new Username("rightthere"), new SessionId(1)), "c-1");

        assertThat(notices.sendToOffline(List.of(toOffline, toOnline))).containsExactly(toOffline);

        String request = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(request).isNotNull().contains("v1=").contains("\"username\":\"faraway\"")
                .contains("\"type\":\"mention\"");
        assertThat(RECEIVED.poll(500, TimeUnit.MILLISECONDS)).as("nothing for the connected one").isNull();
        presence.disconnected("c-1");
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** Issue 11 end to end: a mention in a room and a direct message, posted over REST to someone offline. */
    @Test
    void aMentionAndADirectMessageToSomeoneOfflineReachTheReceiver() throws InterruptedException {
        HttpTestClient http = new HttpTestClient(port);
        String alice = http.post("/api/auth/signup", AuthFlowContract.credentials("hooked-alice", "correct horse"),
                null).text("access_token");
        String bob = http.post("/api/auth/signup", AuthFlowContract.credentials("hooked-bob", "correct horse"), null)
                .text("access_token");
        long room = http.post("/api/rooms", "{\"name\":\"Hooked\"}", alice).json().path("id").asLong();
        http.post("/api/rooms/" + room + "/join", null, bob);
        http.post("/api/auth/logout", null, bob);
        RECEIVED.clear();

        assertThat(http.post("/api/rooms/" + room + "/messages", "{\"content\":\"@hooked-bob look\"}", alice)
                .status()).isEqualTo(200);
        String mention = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(mention).isNotNull().contains("\"type\":\"mention\"").contains("\"username\":\"hooked-bob\"")
                .contains("\"preview\":\"@hooked-bob look\"");

        long dm = http.post("/api/dms", "{\"username\":\"hooked-bob\"}", alice).json().path("id").asLong();
        assertThat(http.post("/api/rooms/" + dm + "/messages", "{\"content\":\"psst\"}", alice).status())
                .isEqualTo(200);
        String direct = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(direct).isNotNull().contains("\"type\":\"direct_message\"")
                .contains("\"username\":\"hooked-bob\"").contains("\"preview\":\"psst\"");
        assertThat(RECEIVED.poll(500, TimeUnit.MILLISECONDS)).as("one notice each").isNull();
    }

    private static Notice notice(long user, String name) {
        return new Notice(Notice.Kind.MENTION, new UserId(user), new Username(name), new RoomId(1), new MessageId(1),
                new Username("alice"), "hello @" + name, Instant.now());
    }

    /** Records each request as its signature header and body. */
    private static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            server.createContext("/push", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                RECEIVED.add(exchange.getRequestHeaders().getFirst("X-Chat-Signature") + " " + body);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
