package org.chatserver.bootstrap;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.chatserver.adapter.fanout.redis.RedisRoomEvents;
import org.chatserver.adapter.presence.redis.RedisPresenceStore;
import org.chatserver.adapter.throttle.redis.RedisThrottleStore;
import org.chatserver.adapter.websocket.OpenConnections;
import org.chatserver.adapter.websocket.WebSocketTraffic;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase;
import org.chatserver.application.port.out.auth.ThrottleStore;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.application.service.auth.AuthThrottle;
import org.chatserver.application.service.attachment.UploadAttachmentService;
import org.chatserver.application.service.limit.UserLimits;
import org.chatserver.application.service.limit.UserRateLimit;
import org.chatserver.application.service.message.PostMessageService;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * How the server behaves when what it depends on fails: bounded waits on the database, migrations
 * exempt from them, and health that tells a load balancer when this node cannot do its work (see
 * {@code docs/operations.md}). The readiness group that uses these is in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class OperationsConfiguration {

    /** Static: a post-processor must exist before the data source it adjusts. */
    @Bean
    static PostgresDriverDefaults postgresDriverDefaults() {
        return new PostgresDriverDefaults();
    }

    @Bean
    FileCleaningEndpoint fileCleaningEndpoint(CleanStoredFilesUseCase clean, Clock clock) {
        return new FileCleaningEndpoint(clean, clock);
    }

    @Bean
    MigrationsWithoutQueryTimeout migrationsWithoutQueryTimeout() {
        return new MigrationsWithoutQueryTimeout();
    }

    /** Replaces Boot's transaction manager, customised the same way. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource,
                                              ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager manager = new AlreadyRolledBackTolerantTransactionManager(dataSource);
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }

    /** {@code http_server_requests} refused before a handler was chosen, tagged with their route ({@link RouteUriTags}). */
    @Bean
    ServerRequestObservationConvention routeUriTags(ListableBeanFactory beans) {
        return new RouteUriTags(beans);
    }

    /** {@code chat_websocket_connections} in Prometheus: what a node carries, beside Tomcat's HTTP sessions. */
    @Bean
    MeterBinder chatWebSocketMetrics(OpenConnections connections) {
        return registry -> Gauge.builder("chat.websocket.connections", connections, OpenConnections::count)
                .description("WebSocket connections open on this node: room endpoints and user streams")
                .register(registry);
    }

    /**
     * {@code chat_fanout_redis_connected} in Prometheus, with several nodes: 1 while this node hears the others
     * through Redis, 0 while it reads their messages from the database instead (docs/operations.md#redis-outage).
     */
    @Bean
    MeterBinder chatFanoutMetrics(RoomEvents events) {
        return registry -> {
            if (events instanceof RedisRoomEvents redis) {
                connectedGauge(registry, "chat.fanout.redis.connected", redis, r -> !r.busDown(),
                        "1 while this node hears the other nodes' room events through Redis, else 0");
            }
        };
    }

    /**
     * {@code chat_presence_redis_connected} and {@code chat_throttle_redis_connected}, with several nodes: 1 while
     * the client of each is connected to Redis, 0 from a loss until it is back (users show offline across nodes;
     * logins and sign-ups answer 503).
     */
    @Bean
    MeterBinder chatRedisClientMetrics(PresenceStore presence, ThrottleStore throttle) {
        return registry -> {
            if (presence instanceof RedisPresenceStore redis) {
                connectedGauge(registry, "chat.presence.redis.connected", redis, RedisPresenceStore::connected,
                        "1 while the Redis client of presence is connected, else 0");
            }
            if (throttle instanceof RedisThrottleStore redis) {
                connectedGauge(registry, "chat.throttle.redis.connected", redis, RedisThrottleStore::connected,
                        "1 while the Redis client of the login and sign-up throttle is connected, else 0");
            }
        };
    }

    /**
     * {@code redis} in the operator's full health ({@code /actuator/health}, management port), with several nodes:
     * DOWN while any of this node's Redis clients has lost its connection, naming which (fan-out, presence, throttle).
     * Not in readiness: a node cut off from Redis keeps serving (docs/operations.md#redis-outage); without this the
     * full health showed every component UP through a Redis outage, and only the gauges above told.
     */
    @Bean
    @ConditionalOnExpression("'${chat.fanout.type:local}'.equalsIgnoreCase('redis') "
            + "or '${chat.presence.type:local}'.equalsIgnoreCase('redis') "
            + "or '${chat.throttle.type:local}'.equalsIgnoreCase('redis')")
    HealthIndicator redisHealthIndicator(RoomEvents events, PresenceStore presence, ThrottleStore throttle) {
        Map<String, BooleanSupplier> clients = new LinkedHashMap<>();
        if (events instanceof RedisRoomEvents redis) {
            clients.put("fanout", () -> !redis.busDown());
        }
        if (presence instanceof RedisPresenceStore redis) {
            clients.put("presence", redis::connected);
        }
        if (throttle instanceof RedisThrottleStore redis) {
            clients.put("throttle", redis::connected);
        }
        return () -> {
            Map<String, Object> connected = new LinkedHashMap<>();
            clients.forEach((client, isConnected) -> connected.put(client, isConnected.getAsBoolean()));
            Health.Builder health = connected.containsValue(false) ? Health.down() : Health.up();
            return health.withDetails(connected).build();
        };
    }

    /** A gauge of 1 while {@code connected} holds for {@code client}, else 0. */
    private static <T> void connectedGauge(MeterRegistry registry, String name, T client,
                                           Predicate<T> connected, String description) {
        Gauge.builder(name, client, c -> connected.test(c) ? 1 : 0).description(description).register(registry);
    }

    /**
     * What the node did since it started: {@code chat_messages_stored_total}, {@code chat_websocket_frames_sent_total}
     * and {@code chat_throttle_refusals_total} by {@code what} was refused ({@code login}, {@code signup},
     * {@code frames}, {@code posts}, {@code rooms}, {@code upload-quota}): a few fixed tags, never a user or an address;
     * and {@code chat_uploads_forgotten_total}.
     */
    @Bean
    MeterBinder chatTrafficMetrics(PostMessageService posting, WebSocketTraffic webSockets, AuthThrottle throttle,
                                   UserLimits limits, UploadAttachmentService uploads, UnpostedUploadsSweep sweep) {
        return registry -> {
            counter(registry, "chat.messages.stored", posting, PostMessageService::storedMessages,
                    "Messages stored on this node (posted through REST or a WebSocket)", null);
            counter(registry, "chat.websocket.frames.sent", webSockets, WebSocketTraffic::framesSent,
                    "Text frames written to clients' WebSockets (messages, acks, notices, errors; no pings)", null);
            String refusals = "Requests refused with 429 or an error frame for going over a limit";
            counter(registry, "chat.throttle.refusals", throttle, AuthThrottle::refusedLogins, refusals, "login");
            counter(registry, "chat.throttle.refusals", throttle, AuthThrottle::refusedSignUps, refusals, "signup");
            counter(registry, "chat.throttle.refusals", webSockets, WebSocketTraffic::framesRefused, refusals,
                    "frames");
            counter(registry, "chat.throttle.refusals", limits.restPosts(), UserRateLimit::refused, refusals,
                    "posts");
            counter(registry, "chat.throttle.refusals", limits.rooms(), UserRateLimit::refused, refusals, "rooms");
            counter(registry, "chat.throttle.refusals", uploads, UploadAttachmentService::quotaRefusals, refusals,
                    "upload-quota");
            counter(registry, "chat.uploads.forgotten", sweep, UnpostedUploadsSweep::forgottenFiles,
                    "Uploads and previews this node forgot, file and all, because no message carried them in time",
                    null);
        };
    }

    /** @param what the tag {@code what}; null: none */
    private static <T> void counter(MeterRegistry registry, String name, T source, ToDoubleFunction<T> count,
                                    String description, String what) {
        FunctionCounter.Builder<T> builder = FunctionCounter.builder(name, source, count).description(description);
        if (what != null) {
            builder.tag("what", what);
        }
        builder.register(registry);
    }

    @Bean
    ShutdownDrain shutdownDrain(ShutdownProperties shutdown) {
        return new ShutdownDrain(shutdown.drain());
    }

    /** Replaces Boot's indicator of the same name, which watches the working directory only. */
    @Bean
    HealthIndicator diskSpaceHealthIndicator(ChatProperties chat, HealthProperties health) {
        return new DiskSpaceHealth(List.of(chat.dataDir(), Path.of(System.getProperty("java.io.tmpdir"))),
                health.minFreeDisk());
    }
}
