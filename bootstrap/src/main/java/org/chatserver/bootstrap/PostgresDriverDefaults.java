package org.chatserver.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Defaults for PostgreSQL's driver that a production service needs and the driver does not have.
 *
 * <p><b>Bounded waits.</b> The driver waits forever by default: for a TCP connection, for the server's answer to a
 * login, for the answer to a query. A database host that vanishes from the network (a stopped VM, a
 * partition; not a clean shutdown, which resets the connections at once) would hold every request
 * that reaches it until the operating system gives up, many minutes later. With these bounds a
 * request fails within seconds and the client is told to come back (503); the pool's own wait for a
 * connection is {@code spring.datasource.hikari.connection-timeout}.
 *
 * <p><b>No column values in error texts.</b> By default the driver puts the server's whole error into an
 * exception's message, with its detail: a unique-key clash reads {@code Key (token_hash)=(…) already exists}, a
 * foreign-key one quotes the row's ids. An exception that reaches a log (an unexpected failure is logged with its
 * stack trace) would so write a refresh token's hash or a user's data there. {@code logServerErrorDetail=false}
 * keeps the error and the constraint's name, without the values.
 *
 * <p>Each is only a default: one named in the JDBC URL or in
 * {@code spring.datasource.hikari.data-source-properties} wins. Migrations run without the query
 * bound ({@link MigrationsWithoutQueryTimeout}): building an index on a large table may take minutes.
 */
final class PostgresDriverDefaults implements BeanPostProcessor {

    static final Duration CONNECT = Duration.ofSeconds(3);
    /** The longest a query may run; chat queries take milliseconds. */
    static final Duration QUERY = Duration.ofSeconds(10);

    private static final Map<String, String> DEFAULTS = Map.of(
            "connectTimeout", Long.toString(CONNECT.toSeconds()),
            "loginTimeout", Long.toString(CONNECT.toSeconds()),
            "socketTimeout", Long.toString(QUERY.toSeconds()),
            // an idle pooled connection to a vanished host is found out and replaced
            "tcpKeepAlive", "true",
            "logServerErrorDetail", "false");

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && isPostgres(pool.getJdbcUrl())) {
            String url = pool.getJdbcUrl().toLowerCase(Locale.ROOT);
            DEFAULTS.forEach((name, value) -> {
                boolean inUrl = url.contains("?" + name.toLowerCase(Locale.ROOT) + "=")
                        || url.contains("&" + name.toLowerCase(Locale.ROOT) + "=");
                if (!inUrl && !pool.getDataSourceProperties().containsKey(name)) {
                    pool.addDataSourceProperty(name, value);
                }
            });
        }
        return bean;
    }

    static boolean isPostgres(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }
}
