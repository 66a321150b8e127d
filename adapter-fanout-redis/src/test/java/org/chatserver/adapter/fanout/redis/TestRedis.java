package org.chatserver.adapter.fanout.redis;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The real Redis the tests run against, found in this order:
 * <ol>
 *   <li>system property {@value #URL_PROPERTY} or environment variable {@code CHAT_TEST_REDIS_URL};</li>
 *   <li>a Testcontainers Redis when Docker is available (one container per JVM);</li>
 *   <li>{@value #LOCAL_URL}.</li>
 * </ol>
 * If the chosen server does not answer PING, it fails with a message saying how to provide one.
 *
 * <p>Public for the tests of other modules that run against a Redis of their own choosing
 * ({@link #query(String, Function)}, {@link #deleteKeys}).
 */
public final class TestRedis {

    static final String URL_PROPERTY = "chat.test.redis.url";
    static final String LOCAL_URL = "redis://127.0.0.1:6379";
    private static final String IMAGE = "redis:7-alpine";

    private static String url;

    private TestRedis() {
    }

    static synchronized String url() {
        if (url == null) {
            url = locate();
        }
        return url;
    }

    /** Properties for a fan-out of its own: a fresh channel prefix, so tests never hear each other. */
    static RedisFanoutProperties isolatedProperties() {
        return properties(url(), uniquePrefix(), Duration.ofSeconds(5));
    }

    /** The production defaults for everything but the server, the channel prefix and the timeout. */
    static RedisFanoutProperties properties(String url, String prefix, Duration timeout) {
        return new RedisFanoutProperties(url, prefix, timeout, Duration.ofSeconds(10), Duration.ofSeconds(1),
                Duration.ofSeconds(2));
    }

    static String uniquePrefix() {
        return "chat-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    /** How many connections Redis has subscribed to {@code channel} ({@code PUBSUB NUMSUB}). */
    static long subscribers(String channel) {
        return query(redis -> redis.pubsubNumsub(channel).getOrDefault(channel, 0L));
    }

    /** Publishes a raw payload, as something other than this adapter might. */
    static void publishRaw(String channel, String payload) {
        query(redis -> redis.publish(channel, payload));
    }

    /** Drops the server side of every connection named {@code clientName}, as a network failure would. */
    static int killConnections(String clientName) {
        return query(redis -> {
            int killed = 0;
            for (String line : redis.clientList().split("\\R")) {
                if (line.contains(" name=" + clientName + " ")) {
                    long id = Long.parseLong(line.substring(line.indexOf("id=") + 3, line.indexOf(' ')));
                    killed += redis.clientKill(KillArgs.Builder.id(id)).intValue();
                }
            }
            return killed;
        });
    }

    /** Runs commands against the tests' Redis on a connection of their own, e.g. to see what the adapter left there. */
    static <T> T query(Function<RedisCommands<String, String>, T> commands) {
        return query(url(), commands);
    }

    public static <T> T query(String url, Function<RedisCommands<String, String>, T> commands) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return commands.apply(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Deletes every key under {@code prefix} in the Redis at {@code url}, e.g. what a test's nodes left there. */
    public static void deleteKeys(String url, String prefix) {
        query(url, redis -> {
            ScanIterator.scan(redis, ScanArgs.Builder.matches(prefix + "*").limit(500)).forEachRemaining(redis::unlink);
            return null;
        });
    }

    private static String locate() {
        String configured = System.getProperty(URL_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("CHAT_TEST_REDIS_URL");
        }
        if (configured != null && !configured.isBlank()) {
            return check(configured.strip(), "configured by " + URL_PROPERTY + " / CHAT_TEST_REDIS_URL");
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            @SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM ends
            GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(6379);
            container.start();
            return check("redis://" + container.getHost() + ":" + container.getMappedPort(6379), "Testcontainers");
        }
        return check(LOCAL_URL, "the conventional local address (no configuration given, no Docker)");
    }

    private static String check(String candidate, String source) {
        RedisClient client;
        try {
            client = RedisClient.create(RedisURI.create(candidate));
        } catch (RuntimeException e) {
            throw noRedis(candidate, source, e);
        }
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
            return candidate;
        } catch (RuntimeException e) {
            throw noRedis(candidate, source, e);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static IllegalStateException noRedis(String candidate, String source, Exception cause) {
        return new IllegalStateException("""
                No Redis for the tests: %s (%s) is not reachable: %s
                Provide one with -D%s=redis://host:port (or rediss://, with :password@ if needed), \
                or the environment variable CHAT_TEST_REDIS_URL, or make Docker available for Testcontainers."""
                .formatted(RedisFanoutProperties.redacted(candidate), source, cause.getMessage(), URL_PROPERTY), cause);
    }
}
