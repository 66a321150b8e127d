package org.chatserver.webclient.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.bootstrap.ChatServerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real chat server (embedded profile: SQLite and files in a folder of its own), started in
 * this JVM on a fixed port so that it can be stopped and started again where the browsers left it.
 */
final class ChatServer implements AutoCloseable {

    private static ChatServer shared;

    private final Path dataDir;
    private final int port;
    private final List<String> extraArgs;
    private ConfigurableApplicationContext context;

    private ChatServer(List<String> extraArgs) {
        this.extraArgs = List.copyOf(extraArgs);
        try {
            // under the module's target: ./mvnw clean removes it, and the machine's temporary folder keeps nothing
            Path root = Path.of("target", "test-data").toAbsolutePath();
            dataDir = Files.createTempDirectory(Files.createDirectories(root), "web-e2e-");
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server of its own, for a test that stops and starts it. */
    static ChatServer startNew(String... settings) {
        ChatServer server = new ChatServer(List.of(settings));
        server.start();
        return server;
    }

    /** One server for the test classes that only talk to it; it stops with the JVM. */
    static synchronized ChatServer shared() {
        if (shared == null) {
            shared = startNew();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Starts the server; one that is already running is left as it is. */
    void start() {
        if (context != null) {
            return;
        }
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--chat.data-dir=" + dataDir,
                "--chat.security.bcrypt-cost=4",
                // the Actuator's own port would clash between the shared server and a restarted one
                "--management.server.port=0",
                // every test signs its people up from 127.0.0.1; the sign-up throttle is not what they test
                "--chat.auth.signup-free-attempts=100000",
                // a dropped connection, as when a server dies: no graceful goodbye
                "--server.shutdown=immediate",
                "--logging.level.root=WARN"));
        args.addAll(extraArgs);
        context = new SpringApplicationBuilder(ChatServerApplication.class).run(args.toArray(String[]::new));
    }

    /** Stops the server abruptly; everything it stored stays in its folder. */
    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    @Override
    public void close() {
        stop();
    }
}
