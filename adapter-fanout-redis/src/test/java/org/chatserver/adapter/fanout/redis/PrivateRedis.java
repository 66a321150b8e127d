package org.chatserver.adapter.fanout.redis;

import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A redis-server of a test's own, on a free port, that the test may stop and start again to
 * play an outage (the machine's shared Redis is never stopped: other tests use it). No
 * persistence: a restart comes back empty, as a Redis without RDB or AOF does. Needs
 * {@code redis-server} on the PATH (or {@code -Dchat.test.redis.server=/path/to/redis-server});
 * without it the test fails saying so.
 */
public final class PrivateRedis implements AutoCloseable {

    private static final Duration START_WAIT = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private Process process;

    private PrivateRedis(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** Starts a new server on a free port. */
    public static PrivateRedis start() {
        try {
            PrivateRedis redis = new PrivateRedis(freePort(), Files.createTempDirectory("private-redis"));
            redis.startAgain();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("Could not prepare a private redis-server: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the server again on the same port, empty; returns once it answers PING. */
    public synchronized void startAgain() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        String binary = System.getProperty("chat.test.redis.server", "redis-server");
        try {
            process = new ProcessBuilder(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("""
                    Cannot start %s for an outage test: %s
                    Install Redis (e.g. apt-get install redis-server) or name the binary with \
                    -Dchat.test.redis.server=/path/to/redis-server.""".formatted(binary, e.getMessage()), e);
        }
        awaitPing();
    }

    /** Stops the server the way an operator's restart or a crash would: connections drop, pub/sub state is gone. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping redis-server", e);
        }
        process = null;
    }

    /** Runs commands against this server on a connection of their own, e.g. to see what the adapter left there. */
    public <T> T query(Function<RedisCommands<String, String>, T> commands) {
        return TestRedis.query(url(), commands);
    }

    @Override
    public void close() {
        stop();
        File[] files = dir.toFile().listFiles();
        if (files != null) {
            for (File file : files) {
                file.delete();
            }
        }
        dir.toFile().delete();
    }

    private void awaitPing() {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited at start; see "
                        + dir.resolve("redis.log"));
            }
            try {
                query(redis -> redis.ping());
                return;
            } catch (RuntimeException e) {
                last = e;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for redis-server", e);
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer within " + START_WAIT, last);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
