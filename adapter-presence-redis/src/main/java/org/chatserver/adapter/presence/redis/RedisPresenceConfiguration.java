package org.chatserver.adapter.presence.redis;

import java.time.Clock;
import org.chatserver.application.port.out.user.PresenceStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Presence shared by every node through Redis, as bootstrap imports it: fills the
 * {@link PresenceStore} port from {@code chat.presence.redis.*} ({@link RedisPresenceProperties}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisPresenceProperties.class)
public class RedisPresenceConfiguration {

    @Bean(destroyMethod = "close")
    PresenceStore redisPresenceStore(RedisPresenceProperties properties, Clock clock) {
        return RedisPresenceStore.connect(properties, clock);
    }
}
