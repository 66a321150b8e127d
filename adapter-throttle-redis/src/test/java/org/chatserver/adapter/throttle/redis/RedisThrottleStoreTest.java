package org.chatserver.adapter.throttle.redis;

import java.util.UUID;
import org.chatserver.application.contract.ThrottleStoreContract;
import org.chatserver.application.fakes.MutableClock;
import org.chatserver.application.port.out.auth.ThrottleStore;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract on a real Redis: {@code -Dchat.test.redis.url} or {@code CHAT_TEST_REDIS_URL}, else
 * {@code redis://127.0.0.1:6379} (DEVELOPERS.md). Keys are unique per test and expire by themselves.
 */
class RedisThrottleStoreTest extends ThrottleStoreContract {

    private RedisThrottleStore store;

    @Override
    protected ThrottleStore newStore(MutableClock clock) {
        store = RedisThrottleStore.connect(new RedisThrottleProperties(redisUrl(),
                "chat-test-" + UUID.randomUUID().toString().substring(0, 8) + ":", java.time.Duration.ofSeconds(5)),
                clock);
        return store;
    }

    @AfterEach
    void disconnect() {
        store.close();
    }

    static String redisUrl() {
        String url = System.getProperty("chat.test.redis.url");
        if (url == null || url.isBlank()) {
            url = System.getenv("CHAT_TEST_REDIS_URL");
        }
        return url == null || url.isBlank() ? "redis://127.0.0.1:6379" : url;
    }
}
