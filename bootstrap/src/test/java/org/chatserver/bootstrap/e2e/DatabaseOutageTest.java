package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL vanishes from the network (a proxy between server and database stops answering, the
 * hard case: no reset, no refusal, only silence) and comes back. Meanwhile requests are refused
 * with 503, {@code Retry-After} and a JSON detail, not held until they fail with 500, and readiness
 * is DOWN so that a load balancer routes elsewhere; afterwards both recover by themselves.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DatabaseOutageTest {

    static final TestDatabase DATABASE = TestDatabases.postgres(false);
    static final TcpProxy PROXY = proxyTo(DATABASE.jdbcUrl());
    private static final String READINESS = "/readyz";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void postgresBehindAProxy(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("database-outage-test-"));
        registry.add("spring.datasource.url", () -> DATABASE.jdbcUrl()
                .replaceFirst("//[^/]+/", "//127.0.0.1:" + PROXY.port() + "/"));
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }

    @AfterAll
    static void tearDown() {
        PROXY.close();
        DATABASE.close();
    }

    @Test
    void anUnreachableDatabaseIsA503AndTakesTheNodeOutOfRotationUntilItIsBack() {
        HttpTestClient http = new HttpTestClient(port);
        String token = http.post("/api/auth/signup", AuthFlowContract.credentials(AuthFlowContract.uniqueName(),
                "correct horse"), null).text("access_token");
        assertThat(http.get(READINESS, null).status()).isEqualTo(200);

        PROXY.blackhole();
        try {
            for (HttpTestClient.Response refused : new HttpTestClient.Response[] {
                    http.get("/api/rooms", token),
                    http.post("/api/auth/signup", AuthFlowContract.credentials(AuthFlowContract.uniqueName(),
                            "correct horse"), null)}) {
                assertThat(refused.status()).as(refused.body()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isEqualTo("5");
                assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
                assertThat(refused.text("detail")).isEqualTo("The database is unavailable; try again shortly");
                // what a user quotes to the operator, as for any other fault of the server's
                assertThat(refused.text("request_id")).as(refused.body()).isEqualTo(refused.header("X-Request-Id"));
            }
            // a WebSocket handshake too: its token cannot be checked, so the client is told to come back
            assertThat(handshakeRefusal("/ws/chat/general?token=" + token)).isEqualTo("503 Retry-After: 5");
            HttpTestClient.Response readiness = http.get(READINESS, null);
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.text("status")).isEqualTo("DOWN");
            // but the process is alive: a liveness probe that failed now would restart every node of an outage, and
            // a restarted node could not even start until the database is back
            assertThat(http.get("/livez", null).status()).as("/livez while the database is out of reach").isEqualTo(200);
        } finally {
            PROXY.restore();
        }

        awaitReady(http);
        assertThat(http.get("/api/rooms", token).status()).isEqualTo(200);
    }

    /** The status and Retry-After with which the server refuses a WebSocket handshake at this path. */
    private String handshakeRefusal(String path) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + path), new WebSocket.Listener() { })
                    .get(30, TimeUnit.SECONDS).abort();
            throw new AssertionError("the handshake at " + path + " was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode() + " Retry-After: "
                        + refused.getResponse().headers().firstValue("Retry-After").orElse("none");
            }
            throw new AssertionError("the handshake at " + path + " failed otherwise", e);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("no answer to the handshake at " + path, e);
        }
    }

    private static void awaitReady(HttpTestClient http) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (http.get(READINESS, null).status() != 200) {
            assertThat(Instant.now()).as("readiness back UP after the database returned").isBefore(deadline);
            sleep(Duration.ofMillis(200));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static TcpProxy proxyTo(String jdbcUrl) {
        URI address = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new TcpProxy(address.getHost(), address.getPort() < 0 ? 5432 : address.getPort());
    }
}
