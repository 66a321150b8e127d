package org.chatserver.adapter.presence.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.presence.redis.*}: where the nodes keep who is online when {@code chat.presence.type=redis}.
 *
 * @param url       {@code redis://[:password@]host[:port][/database]} or {@code rediss://}; every node
 *                  of one deployment must name the same server (production: the fan-out's)
 * @param keyPrefix put before every key, so that deployments or tests can share one Redis
 * @param timeout   longest a presence look-up may wait for Redis; past it a node answers from what it
 *                  knows itself
 * @param nodeTtl   how long a node counts as alive after its last heartbeat (sent every third of it):
 *                  the users of a node that died show offline at most this long after its last heartbeat
 */
@ConfigurationProperties("chat.presence.redis")
public record RedisPresenceProperties(
        @DefaultValue("redis://127.0.0.1:6379") String url,
        @DefaultValue("chat:presence:") String keyPrefix,
        @DefaultValue("2s") Duration timeout,
        @DefaultValue("15s") Duration nodeTtl) {

    public RedisPresenceProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("chat.presence.redis.url must be set, e.g. redis://127.0.0.1:6379");
        }
        try {
            RedisURI.create(url.strip());
        } catch (RuntimeException e) {
            // the parser's message may quote the URL, password included
            throw new IllegalArgumentException("chat.presence.redis.url must look like redis://host:6379 or rediss://host:6379");
        }
        url = url.strip();
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        if (keyPrefix.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("chat.presence.redis.key-prefix must not contain spaces or control characters");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("chat.presence.redis.timeout must be between 1ms and 1m, not " + timeout);
        }
        if (nodeTtl == null || nodeTtl.compareTo(Duration.ofSeconds(1)) < 0 || nodeTtl.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("chat.presence.redis.node-ttl must be between 1s and 10m, not " + nodeTtl);
        }
    }

    @Override
    public String toString() {
        return "RedisPresenceProperties[url=(set), keyPrefix=" + keyPrefix + ", timeout=" + timeout + ", nodeTtl="
                + nodeTtl + "]";
    }
}
