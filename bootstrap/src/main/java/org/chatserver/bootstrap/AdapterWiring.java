package org.chatserver.bootstrap;

import org.chatserver.adapter.fanout.local.LocalFanoutConfiguration;
import org.chatserver.adapter.fanout.redis.RedisFanoutConfiguration;
import org.chatserver.adapter.media.MediaConfiguration;
import org.chatserver.adapter.notification.webhook.WebhookConfiguration;
import org.chatserver.adapter.persistence.PersistenceConfiguration;
import org.chatserver.adapter.presence.local.LocalPresenceConfiguration;
import org.chatserver.adapter.presence.redis.RedisPresenceConfiguration;
import org.chatserver.adapter.rest.RestConfiguration;
import org.chatserver.adapter.security.SecurityConfiguration;
import org.chatserver.adapter.storage.fs.FsStorageConfiguration;
import org.chatserver.adapter.storage.s3.S3StorageConfiguration;
import org.chatserver.adapter.throttle.local.LocalThrottleConfiguration;
import org.chatserver.adapter.throttle.redis.RedisThrottleConfiguration;
import org.chatserver.adapter.websocket.WebSocketConfiguration;
import org.chatserver.application.port.out.notification.Notifications;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Which adapter fills which port. Reading this and {@link UseCaseConfiguration} gives the whole
 * running system; properties choose between adapters of the same port.
 */
@Configuration(proxyBeanMethods = false)
@Import({PersistenceConfiguration.class, SecurityConfiguration.class, RestConfiguration.class,
        WebSocketConfiguration.class, MediaConfiguration.class})
class AdapterWiring {

    /** Static: a post-processor must exist before the beans it adjusts. */
    @Bean
    static SqlitePoolSize sqlitePoolSize() {
        return new SqlitePoolSize();
    }

    /** Room events stay in this process: the embedded default, one node. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "chat.fanout.type", havingValue = "local", matchIfMissing = true)
    @Import(LocalFanoutConfiguration.class)
    static class LocalFanout {
    }

    /** Room events cross nodes through Redis pub/sub: production, several nodes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "chat.fanout.type", havingValue = "redis")
    @Import(RedisFanoutConfiguration.class)
    static class RedisFanout {
    }

    /** Attachments on the local disk: the embedded default. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "chat.storage.type", havingValue = "fs", matchIfMissing = true)
    @Import(FsStorageConfiguration.class)
    static class LocalFiles {
    }

    /** Attachments in an S3-compatible store: production. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "chat.storage.type", havingValue = "s3")
    @Import(S3StorageConfiguration.class)
    static class S3Files {
    }

    /** Who is online, known to this process: the embedded default, one node. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "chat.presence.type", havingValue = "local", matchIfMissing = true)
    @Import(LocalPresenceConfiguration.class)
    static class LocalPresence {
    }

    /** Who is online across nodes, in Redis with a heartbeat per node: production. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "chat.presence.type", havingValue = "redis")
    @Import(RedisPresenceConfiguration.class)
    static class RedisPresence {
    }

    /** Notices for offline users stay in the server: the default, until a receiver is configured. */
    @Bean
    @ConditionalOnProperty(name = "chat.notifications.type", havingValue = "none", matchIfMissing = true)
    static Notifications noNotifications() {
        return Notifications.NONE;
    }

    /** Notices for offline users are POSTed, signed, to a webhook (a push gateway for APNs/FCM behind it). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "chat.notifications.type", havingValue = "webhook")
    @Import(WebhookConfiguration.class)
    static class WebhookNotices {
    }

    /** Login and sign-up counts in this process: the embedded default, one node. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "chat.throttle.type", havingValue = "local", matchIfMissing = true)
    @Import(LocalThrottleConfiguration.class)
    static class LocalThrottle {
    }

    /** Login and sign-up counts in Redis, one budget for every node: production. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "chat.throttle.type", havingValue = "redis")
    @Import(RedisThrottleConfiguration.class)
    static class RedisThrottle {
    }
}
