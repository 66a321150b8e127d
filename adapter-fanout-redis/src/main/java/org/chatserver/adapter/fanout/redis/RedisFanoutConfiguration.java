package org.chatserver.adapter.fanout.redis;

import org.chatserver.application.port.out.room.RoomEvents;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Room fan-out across nodes through Redis, as bootstrap imports it: provides the {@link RoomEvents}
 * bean {@code redisRoomEvents} from {@code chat.fanout.redis.*} ({@link RedisFanoutProperties}).
 * Connects at start-up, so an unreachable server stops the process with a message naming
 * {@code chat.fanout.redis.url}; later outages are ridden out by reconnecting.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisFanoutProperties.class)
public class RedisFanoutConfiguration {

    @Bean(destroyMethod = "close")
    public RoomEvents redisRoomEvents(RedisFanoutProperties properties) {
        return RedisRoomEvents.connect(properties);
    }
}
