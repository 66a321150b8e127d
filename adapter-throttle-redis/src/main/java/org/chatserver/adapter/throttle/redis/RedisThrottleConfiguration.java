package org.chatserver.adapter.throttle.redis;

import java.time.Clock;
import org.chatserver.application.port.out.auth.ThrottleStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Throttle state shared by every node through Redis, as bootstrap imports it: fills the
 * {@link ThrottleStore} port from {@code chat.throttle.redis.*} ({@link RedisThrottleProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisThrottleProperties.class)
public class RedisThrottleConfiguration {

    @Bean(destroyMethod = "close")
    ThrottleStore redisThrottleStore(RedisThrottleProperties properties, Clock clock) {
        return RedisThrottleStore.connect(properties, clock);
    }
}
