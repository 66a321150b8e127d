package org.chatserver.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.chatserver.adapter.security.BcryptPasswordHasher;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.bootstrap.TestDataDirs;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A login whose client hangs up while its password waits for the hasher is never hashed: the
 * issue's 20 abandoned sign-ups no longer delay the next real login by their bcrypt time.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AbandonedLoginTest {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        Path dataDir = TestDataDirs.create("abandoned-login-test-");
        registry.add("chat.data-dir", dataDir::toString);
    }

    /** The server's own bounded pool (one thread) around a hasher the test holds at a gate. */
    @TestConfiguration
    static class GatedHashing {

        @Bean
        Gate gate() {
            return new Gate();
        }

        @Bean
        @Primary
        PasswordHasher gatedPasswordHasher(Gate gate) {
            return gate.front;
        }
    }

    static final class Gate {

        volatile CountDownLatch open = new CountDownLatch(0);
        final List<String> hashed = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger submitted = new AtomicInteger();
        final AtomicInteger given_up = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        private final PasswordHasher bcrypt = new BcryptPasswordHasher(4);
        private final PasswordHasher gated = new PasswordHasher() {
            @Override
            public PasswordHash hash(PlainPassword password) {
                pass(password);
                return bcrypt.hash(password);
            }

            @Override
            public boolean matches(PlainPassword candidate, PasswordHash hash) {
                pass(candidate);
                return bcrypt.matches(candidate, hash);
            }
        };
        private final PasswordHasher pool = new org.chatserver.adapter.security.BoundedPasswordHasher(gated, 1, 4);
        final PasswordHasher front = new PasswordHasher() {
            @Override
            public PasswordHash hash(PlainPassword password) {
                return counted(() -> pool.hash(password));
            }

            @Override
            public boolean matches(PlainPassword candidate, PasswordHash hash) {
                return counted(() -> pool.matches(candidate, hash));
            }
        };

        private void pass(PlainPassword password) {
            hashed.add(password.reveal());
            running.incrementAndGet();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private <T> T counted(java.util.function.Supplier<T> work) {
            submitted.incrementAndGet();
            try {
                return work.get();
            } catch (RuntimeException e) {
                given_up.incrementAndGet();
                throw e;
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Gate gate;

    @Test
    void aClientThatHangsUpWhileItsHashWaitsGetsNoHash() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        assertThat(post(http, "/api/auth/signup", "{\"username\":\"alice\",\"password\":\"correct horse\"}")
                .get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        // the decoy an unknown name is checked against is made once, now, not behind the gate
        assertThat(post(http, "/api/auth/login", "{\"username\":\"nobody\",\"password\":\"warm up hash\"}")
                .get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
        gate.open = new CountDownLatch(1);
        int before = gate.submitted.get();
        int runningBefore = gate.running.get();

        CompletableFuture<HttpResponse<String>> first = post(http, "/api/auth/login",
                "{\"username\":\"alice\",\"password\":\"first guess\"}");
        // the first guess holds the pool's only thread at the gate before the quitter arrives
        awaitCount(() -> gate.running.get() - runningBefore, 1);
        try (Socket quitter = new Socket("127.0.0.1", port)) {
            byte[] body = "{\"username\":\"alice\",\"password\":\"abandoned guess\"}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = quitter.getOutputStream();
            out.write(("POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            awaitCount(() -> gate.submitted.get() - before, 2);
        }
        // the server notices the closed connection and withdraws the queued hash
        awaitCount(() -> gate.given_up.get(), 1);
        gate.open.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
        assertThat(post(http, "/api/auth/login", "{\"username\":\"alice\",\"password\":\"correct horse\"}")
                .get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(gate.hashed).doesNotContain("abandoned guess").contains("first guess", "correct horse");
    }

    private CompletableFuture<HttpResponse<String>> post(HttpClient http, String path, String json) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for a counter the server moves, by the counter, at most a minute. */
    private static void awaitCount(IntSupplier counter, int expected) throws InterruptedException {
        for (int i = 0; i < 600 && counter.getAsInt() < expected; i++) {
            Thread.sleep(100);
        }
        assertThat(counter.getAsInt()).isGreaterThanOrEqualTo(expected);
    }
}
