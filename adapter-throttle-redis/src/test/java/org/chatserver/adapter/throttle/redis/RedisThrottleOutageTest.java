package org.chatserver.adapter.throttle.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.chatserver.adapter.fanout.redis.PrivateRedis;
import org.junit.jupiter.api.Test;

/**
 * Logins and sign-ups count their attempts in Redis and are refused (503) while it is away. Once Redis is back, after
 * however long an outage, they work again within about half a second (docs/operations.md#redis-outage): Lettuce's
 * default reconnect back-off doubles up to 30 s, which kept logins refused for up to half a minute more.
 */
class RedisThrottleOutageTest {

    /** The documented attempts at most 0.5 s apart, with room for a loaded machine. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(2);

    @Test
    void afterALongOutageTheCountsWorkAgainSoonAfterRedisIsBack() throws InterruptedException {
        try (PrivateRedis redis = PrivateRedis.start()) {
            RedisThrottleStore store = RedisThrottleStore.connect(
                    new RedisThrottleProperties(redis.url(), "chat-test:throttle:", Duration.ofMillis(500)),
                    Clock.systemUTC());
            try {
                assertThat(store.find("alice")).isEmpty();

                redis.stop();
                assertThatThrownBy(() -> store.find("alice")).as("while Redis is away").isInstanceOf(RuntimeException.class);
                Thread.sleep(10_000); // long enough for a doubling back-off to wait seconds between attempts
                redis.startAgain();

                long back = System.nanoTime();
                Duration refusedFor = null;
                while (refusedFor == null) {
                    try {
                        store.find("alice");
                        refusedFor = Duration.ofNanos(System.nanoTime() - back);
                    } catch (RuntimeException stillAway) {
                        assertThat(Duration.ofNanos(System.nanoTime() - back)).as("logins refused after Redis was back")
                                .isLessThan(Duration.ofSeconds(30));
                        Thread.sleep(20);
                    }
                }
                assertThat(refusedFor).as("logins refused after Redis was back").isLessThan(BACK_WITHIN);
            } finally {
                store.close();
            }
        }
    }
}
