package org.chatserver.adapter.fanout.redis;

import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.user.UserEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Room fan-out across nodes through Redis, as bootstrap imports it: provides the {@link RoomEvents}
 * bean {@code redisRoomEvents} and the {@link UserEvents} bean {@code redisUserEvents} from {@code chat.fanout.redis.*} ({@link RedisFanoutProperties}).
 * Connects at start-up, so an unreachable server stops the process with a message naming
 * {@code chat.fanout.redis.url}; later outages are ridden out by reconnecting, and meanwhile by
 * polling the {@link MessageRepository} for the newest change of each watched room, which is also
 * looked at now and then while Redis is up, for changes whose event was lost with a node.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RedisFanoutProperties.class)
public class RedisFanoutConfiguration {

    @Bean(destroyMethod = "close")
    public RoomEvents redisRoomEvents(RedisFanoutProperties properties, ObjectProvider<MessageRepository> messages) {
        MessageRepository store = messages.getIfAvailable();
        return store == null ? RedisRoomEvents.connect(properties) : RedisRoomEvents.connect(properties, store::latestChanges);
    }

    /** Users' own events ({@code /ws/user}'s room list and unread counts) on one channel all nodes share. */
    @Bean(destroyMethod = "close")
    public UserEvents redisUserEvents(RedisFanoutProperties properties) {
        return RedisUserEvents.connect(properties);
    }
}
