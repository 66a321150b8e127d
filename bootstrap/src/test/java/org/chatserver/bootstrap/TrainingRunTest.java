package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The build's training run ({@code -Ptraining-run}) is only as good as its workload: these start the
 * server with the {@code training} profile in-process and check that it really signed up, posted
 * over WebSocket and received every copy, so a change to the API that breaks the workload breaks
 * here and not silently in a cache trained on error answers. The profile's own build step proves
 * the JVM writes the cache and starts with it (it requires the cache in a second run).
 */
@ExtendWith(OutputCaptureExtension.class)
class TrainingRunTest {

    @TempDir
    Path dataDir;

    @Test
    void theTrainingProfileTalksToItselfTheWayClientsDo() {
        try (ConfigurableApplicationContext context = start("spring.profiles.active=training",
                "chat.training-run.rounds=1")) {
            // ten users, each posting twenty messages that the nine others receive over WebSocket
            assertThat(context.getBean(TrainingRun.class).delivered()).isEqualTo(10 * 20 * 9);
            JdbcTemplate db = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            assertThat(db.queryForObject("select count(*) from messages", Long.class)).isEqualTo(200L);
            assertThat(db.queryForObject("select count(*) from users", Long.class)).isEqualTo(10L);
        }
    }

    @Test
    void anOrdinaryStartRunsNoTraining() {
        try (ConfigurableApplicationContext context = start()) {
            assertThat(context.getBeanProvider(TrainingRun.class).getIfAvailable()).isNull();
            JdbcTemplate db = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
            assertThat(db.queryForObject("select count(*) from users", Long.class)).isZero();
        }
    }

    @Test
    void aBadRoundCountStopsStartUpNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("spring.profiles.active=training", "chat.training-run.rounds=0"))
                .hasStackTraceContaining("chat.training-run.rounds");
        assertThat(output.getAll()).contains("chat.training-run.rounds must be at least 1, not 0")
                .doesNotContain("\tat ").doesNotContain("Caused by:");
    }

    /**
     * A peer that never answers the workload's close (and never closes) must not hold the run: the JDK's
     * {@code HttpClient.close()} waits for every WebSocket it opened, so the run's closing gives up on such a
     * socket after its wait and aborts it. Once, a build hung for good there.
     */
    @Test
    void aWebSocketWhoseCloseIsNeverAnsweredIsAbortedAndTheClientCloses() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = Thread.ofVirtual().start(() -> acceptAndIgnore(listener));
            HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
            URI uri = URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/");
            WebSocket socket = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS);

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                TrainingRun.close(List.of(socket), Duration.ofMillis(300));
                http.close();
            }, "the client's close waited for a WebSocket whose close was never answered");
            assertThat(socket.isInputClosed()).isTrue();
            peer.interrupt();
        }
    }

    /** A WebSocket peer that completes the handshake (RFC 6455, 4.2.2) and then reads and ignores everything. */
    private static void acceptAndIgnore(ServerSocket listener) {
        try (Socket connection = listener.accept()) {
            var in = new BufferedReader(
                    new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            String key = null;
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
            connection.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            connection.getOutputStream().flush();
            while (in.read() >= 0) {
                // the close frame included: never answered
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            // the test is over, or the client aborted
        }
    }

    private ConfigurableApplicationContext start(String... properties) {
        String[] args = Stream.concat(Stream.of("server.port=0", "management.server.port=0",
                        "chat.security.bcrypt-cost=4", "chat.data-dir=" + dataDir), Stream.of(properties))
                .map(p -> "--" + p)
                .toArray(String[]::new);
        return new SpringApplicationBuilder(ChatServerApplication.class).run(args);
    }
}
