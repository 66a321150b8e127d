package org.chatserver.resilience;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A Redis server of the test's own on a free loopback port, without persistence: stopping it
 * touches nobody else's Redis (the machine's shared one serves other engineers' tests).
 */
final class PrivateRedis implements AutoCloseable {

    private final Path program;
    private final int port;
    private final Path log;
    private Process process;

    PrivateRedis() {
        program = Machine.program("redis-server", "resilience.redis-server",
                "Redis (Debian: apt-get install redis-server)", Path.of("/usr/bin/redis-server"));
        port = Machine.freePort();
        try {
            log = Files.createDirectories(Path.of(System.getProperty("resilience.logs", "target/resilience-logs")))
                    .resolve("redis-" + port + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    void start() {
        try {
            process = new ProcessBuilder(program.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + program, e);
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (!answers()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("redis-server did not start on port " + port + "; see " + log);
            }
            Machine.sleep(Duration.ofMillis(50));
        }
    }

    /** SIGTERM, and wait until it is gone. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.getOutputStream().write("PING\r\n".getBytes());
            byte[] reply = new byte[7];
            return socket.getInputStream().read(reply) > 0 && new String(reply).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
