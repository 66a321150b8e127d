package org.chatserver.adapter.fanout.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.fanout.redis.*}: the Redis server that carries room events between nodes.
 *
 * @param url           {@code redis://[:password@]host[:port][/database]}, or {@code rediss://} for TLS;
 *                      every node of one deployment must name the same server
 * @param channelPrefix put before {@code room.<id>} in channel names, so that several deployments
 *                      (or tests) can share one Redis without hearing each other
 * @param timeout       how long a Redis command may take before it counts as failed: bounds how long
 *                      a subscriber waits for its subscription to be confirmed, and how long a
 *                      publish may wait in Lettuce's queue while Redis is unreachable
 * @param nodeTtl       how long a node counts as alive after its last heartbeat (sent every third of
 *                      it): a node silent for longer is taken for dead, and a live node announces the
 *                      watchers it held as gone ({@code user_left}) within about {@code 4/3 × nodeTtl}
 * @param outagePollInterval while this node cannot hear the other nodes through Redis, how often the
 *                      watchers on it read new messages from the store instead
 * @param storeCheckInterval while this node hears the other nodes through Redis, how often it looks whether
 *                      the store holds changes of its watched rooms that no event brought (one lost with a
 *                      node that stopped while it was cut off from Redis); a change still missing one
 *                      interval after it was first seen is read from the store
 */
@ConfigurationProperties("chat.fanout.redis")
public record RedisFanoutProperties(
        @DefaultValue("redis://127.0.0.1:6379") String url,
        @DefaultValue("chat:") String channelPrefix,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("10s") Duration nodeTtl,
        @DefaultValue("1s") Duration outagePollInterval,
        @DefaultValue("2s") Duration storeCheckInterval) {

    private static final int MAX_PREFIX_LENGTH = 100;

    public RedisFanoutProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("chat.fanout.redis.url must be set, e.g. redis://127.0.0.1:6379");
        }
        try {
            RedisURI.create(url.strip());
        } catch (RuntimeException e) {
            // the parser's own message may repeat the URL, password included
            throw new IllegalArgumentException("chat.fanout.redis.url must look like redis://host:6379 or "
                    + "rediss://host:6379, not " + redacted(url.strip()));
        }
        url = url.strip();
        if (channelPrefix == null) {
            channelPrefix = "";
        }
        if (channelPrefix.length() > MAX_PREFIX_LENGTH || channelPrefix.chars().anyMatch(Character::isWhitespace)
                || channelPrefix.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("chat.fanout.redis.channel-prefix must be at most "
                    + MAX_PREFIX_LENGTH + " characters without spaces or control characters");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("chat.fanout.redis.timeout must be between 1ms and 5m, not " + timeout);
        }
        if (nodeTtl == null || nodeTtl.compareTo(Duration.ofSeconds(1)) < 0 || nodeTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("chat.fanout.redis.node-ttl must be between 1s and 10m, not " + nodeTtl);
        }
        if (outagePollInterval == null || outagePollInterval.compareTo(Duration.ofMillis(100)) < 0
                || outagePollInterval.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("chat.fanout.redis.outage-poll-interval must be between 100ms and 1m, not "
                    + outagePollInterval);
        }
        if (storeCheckInterval == null || storeCheckInterval.compareTo(Duration.ofMillis(100)) < 0
                || storeCheckInterval.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("chat.fanout.redis.store-check-interval must be between 100ms and 10m, not "
                    + storeCheckInterval);
        }
    }

    @Override
    public String toString() {
        // the URL may carry a password; keep it out of logs and failure reports
        return "RedisFanoutProperties[url=" + redacted(url) + ", channelPrefix=" + channelPrefix
                + ", timeout=" + timeout + ", nodeTtl=" + nodeTtl + ", outagePollInterval=" + outagePollInterval
                + ", storeCheckInterval=" + storeCheckInterval + "]";
    }

    /** The URL without its password, for log lines and error messages. */
    static String redacted(String url) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        return url.substring(0, scheme + 3) + "***@" + url.substring(at + 1);
    }
}
