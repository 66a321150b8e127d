package org.chatserver.adapter.presence.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chatserver.adapter.fanout.redis.PrivateRedis;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.UserId;
import org.junit.jupiter.api.Test;

/**
 * While Redis is away, the other nodes see this node's users offline. Once Redis is back, after however long an
 * outage and even empty (restarted without persistence), they see them online again within a reconnect of at most
 * half a second and a heartbeat: Lettuce's default reconnect back-off doubles up to 30 s, which kept everyone
 * offline for up to half a minute more.
 */
class RedisPresenceOutageTest {

    private static final Duration NODE_TTL = Duration.ofSeconds(3);
    /** A reconnect (at most 0.5 s) and a heartbeat (a third of the TTL), with room for a loaded machine. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(3);
    private static final UserId ALICE = new UserId(1);

    @Test
    void afterALongOutageTheOtherNodesSeeTheUsersOnlineSoonAfterRedisIsBack() throws InterruptedException {
        try (PrivateRedis redis = PrivateRedis.start()) {
            RedisPresenceProperties properties = new RedisPresenceProperties(redis.url(), "chat-test:presence:",
                    Duration.ofMillis(500), NODE_TTL);
            RedisPresenceStore hers = RedisPresenceStore.connect(properties, Clock.systemUTC());
            RedisPresenceStore other = null;
            try {
                hers.report(ALICE, PresenceStatus.ONLINE, Instant.now());

                redis.stop();
                Thread.sleep(10_000); // long enough for a doubling back-off to wait seconds between attempts
                redis.startAgain();
                long back = System.nanoTime();
                other = RedisPresenceStore.connect(properties, Clock.systemUTC());

                Duration offlineFor = null;
                while (offlineFor == null) {
                    if (other.presence(List.of(ALICE)).get(ALICE).status() == PresenceStatus.ONLINE) {
                        offlineFor = Duration.ofNanos(System.nanoTime() - back);
                    } else {
                        assertThat(Duration.ofNanos(System.nanoTime() - back))
                                .as("alice shown offline after Redis was back").isLessThan(Duration.ofSeconds(30));
                        Thread.sleep(20);
                    }
                }
                assertThat(offlineFor).as("alice shown offline after Redis was back").isLessThan(BACK_WITHIN);
            } finally {
                hers.close();
                if (other != null) {
                    other.close();
                }
            }
        }
    }
}
