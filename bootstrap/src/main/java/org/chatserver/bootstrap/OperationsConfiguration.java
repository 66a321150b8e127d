package org.chatserver.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.chatserver.adapter.fanout.redis.RedisRoomEvents;
import org.chatserver.adapter.websocket.OpenConnections;
import org.chatserver.application.port.out.room.RoomEvents;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
    static PostgresTimeouts postgresTimeouts() {
        return new PostgresTimeouts();
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
                Gauge.builder("chat.fanout.redis.connected", redis, r -> r.busDown() ? 0 : 1)
                        .description("1 while this node hears the other nodes' room events through Redis, else 0")
                        .register(registry);
            }
        };
    }

    /** Replaces Boot's indicator of the same name, which watches the working directory only. */
    @Bean
    HealthIndicator diskSpaceHealthIndicator(ChatProperties chat, HealthProperties health) {
        return new DiskSpaceHealth(List.of(chat.dataDir(), Path.of(System.getProperty("java.io.tmpdir"))),
                health.minFreeDisk());
    }
}
