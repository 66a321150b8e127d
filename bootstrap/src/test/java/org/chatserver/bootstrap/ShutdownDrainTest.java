package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A node told to stop with {@code chat.shutdown.drain} set leaves its load balancer first: readiness answers 503 while
 * every other request is still served, so that the balancer sends new requests elsewhere before the port closes.
 */
class ShutdownDrainTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    @Test
    void aStoppingNodeAnswersReadiness503WhileItStillServesDuringTheDrain() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatServerApplication.class)
                .run("--server.port=0", "--management.server.port=0", "--chat.data-dir=" + dataDir,
                        "--chat.security.bcrypt-cost=4", "--chat.shutdown.drain=3s");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        assertThat(status(port, "/readyz")).isEqualTo(200);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(context::close);
        int readiness = 200;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (readiness == 200 && System.nanoTime() < deadline) {
            readiness = status(port, "/readyz");
        }
        assertThat(readiness).as("readiness once the node is stopping").isEqualTo(503);
        assertThat(status(port, "/health")).as("an ordinary request while the node drains").isEqualTo(200);
        assertThat(status(port, "/api/rooms")).as("an API request while the node drains (no token)").isEqualTo(401);

        stopped.get(60, TimeUnit.SECONDS);
        assertThat(status(port, "/health")).as("once stopped: the port is closed").isEqualTo(-1);
    }

    /** The answer's status; -1 when no connection could be made. */
    private static int status(int port, String path) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException refused) {
            return -1;
        }
    }
}
