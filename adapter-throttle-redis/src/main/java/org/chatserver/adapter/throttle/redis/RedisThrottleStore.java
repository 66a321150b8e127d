package org.chatserver.adapter.throttle.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.chatserver.application.port.out.auth.ThrottleStore;

/**
 * Throttle state in Redis: every node counts against the same keys, so N nodes give one budget,
 * not N. Each entry is one string {@code count|last|blockedUntil|forgetAt} (epoch milliseconds)
 * that expires at its {@code forgetAt}; compare-and-set runs as a Lua script, atomic in Redis.
 * Redis drops an entry only when it expires (configure {@code maxmemory-policy noeviction}, or a
 * {@code volatile-*} policy could evict a lock early).
 *
 * <p>While Redis is unreachable commands fail at once instead of queueing, and the caller answers
 * 503: the count cannot be known, and must not be guessed low.
 */
public final class RedisThrottleStore implements ThrottleStore, AutoCloseable {

    private static final String SET_IF = """
            local current = redis.call('GET', KEYS[1])
            if (ARGV[1] == '' and not current) or current == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0""";
    private static final String DELETE_IF = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('DEL', KEYS[1])
              return 1
            end
            return 0""";

    /**
     * Lettuce's default back-off doubles the wait between reconnect attempts up to 30 s, so after an outage of
     * half a minute logins stayed refused for up to half a minute more; attempts at most 0.5 s apart instead.
     */
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(10), Duration.ofMillis(500), 2,
            TimeUnit.MILLISECONDS);

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final Clock clock;

    private RedisThrottleStore(ClientResources resources, RedisClient client,
                               StatefulRedisConnection<String, String> connection, String prefix, Clock clock) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.redis = connection.sync();
        this.prefix = prefix;
        this.clock = clock;
    }

    /** Connects now: an unreachable server stops start-up with a message naming the property. */
    public static RedisThrottleStore connect(RedisThrottleProperties properties, Clock clock) {
        RedisURI uri = RedisURI.create(properties.url());
        uri.setTimeout(properties.timeout());
        ClientResources resources = ClientResources.builder().reconnectDelay(RECONNECT_DELAY).build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        try {
            return new RedisThrottleStore(resources, client, client.connect(), properties.keyPrefix(), clock);
        } catch (RedisException e) {
            shutDown(client, resources, properties.timeout());
            throw new IllegalStateException("chat.throttle.redis.url: cannot connect to Redis (" + e.getMessage()
                    + "); the login throttle keeps its counts there when chat.throttle.type=redis", e);
        }
    }

    /** Whether the connection to Redis is up now (for the node's metrics); false from a loss until reconnected. */
    public boolean connected() {
        return connection.isOpen();
    }

    @Override
    public Optional<Attempts> find(String key) {
        try {
            return Optional.ofNullable(redis.get(prefix + key)).map(RedisThrottleStore::decode);
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean compareAndSet(String key, Attempts expected, Attempts next) {
        long ttl = Math.max(1, Duration.between(clock.instant(), next.forgetAt()).toMillis());
        try {
            Long done = redis.eval(SET_IF, ScriptOutputType.INTEGER, new String[] {prefix + key},
                    expected == null ? "" : encode(expected), encode(next), Long.toString(ttl));
            return done != null && done == 1L;
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean remove(String key, Attempts expected) {
        try {
            Long done = redis.eval(DELETE_IF, ScriptOutputType.INTEGER, new String[] {prefix + key}, encode(expected));
            return done != null && done == 1L;
        } catch (RedisException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void close() {
        connection.close();
        shutDown(client, resources, Duration.ofSeconds(2));
    }

    /** Bounded: a node stopping while Redis is away must not wait on it. */
    private static void shutDown(RedisClient client, ClientResources resources, Duration timeout) {
        client.shutdown(Duration.ZERO, timeout);
        resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String encode(Attempts attempts) {
        return attempts.count() + "|" + attempts.last().toEpochMilli() + "|" + attempts.blockedUntil().toEpochMilli()
                + "|" + attempts.forgetAt().toEpochMilli();
    }

    static Attempts decode(String value) {
        String[] parts = value.split("\\|");
        return new Attempts(Integer.parseInt(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                Instant.ofEpochMilli(Long.parseLong(parts[2])), Instant.ofEpochMilli(Long.parseLong(parts[3])));
    }

    private static UnavailableException unavailable(RedisException e) {
        return new UnavailableException("Redis throttle store: " + e.getMessage(), e);
    }
}
