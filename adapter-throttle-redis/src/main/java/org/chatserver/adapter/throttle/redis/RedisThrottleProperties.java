package org.chatserver.adapter.throttle.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code chat.throttle.redis.*}: where the login and sign-up throttle keeps its counts when
 * {@code chat.throttle.type=redis}.
 *
 * @param url       {@code redis://[:password@]host[:port][/database]} or {@code rediss://}; every node
 *                  of one deployment must name the same server (production: the fan-out's)
 * @param keyPrefix put before every key, so that deployments or tests can share one Redis
 * @param timeout   longest a throttle command may take; past it (or at once while Redis is
 *                  unreachable) logins and sign-ups answer 503 with {@code Retry-After}
 */
@ConfigurationProperties("chat.throttle.redis")
public record RedisThrottleProperties(
        @DefaultValue("redis://127.0.0.1:6379") String url,
        @DefaultValue("chat:throttle:") String keyPrefix,
        @DefaultValue("2s") Duration timeout) {

    public RedisThrottleProperties {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("chat.throttle.redis.url must be set, e.g. redis://127.0.0.1:6379");
        }
        try {
            RedisURI.create(url.strip());
        } catch (RuntimeException e) {
            // the parser's message may quote the URL, password included
            throw new IllegalArgumentException("chat.throttle.redis.url must look like redis://host:6379 or rediss://host:6379");
        }
        url = url.strip();
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        if (keyPrefix.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("chat.throttle.redis.key-prefix must not contain spaces or control characters");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("chat.throttle.redis.timeout must be between 1ms and 1m, not " + timeout);
        }
    }

    @Override
    public String toString() {
        return "RedisThrottleProperties[url=(set), keyPrefix=" + keyPrefix + ", timeout=" + timeout + "]";
    }
}
