package org.chatserver.adapter.persistence.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.chatserver.adapter.persistence.SqliteStatementCache;
import org.flywaydb.core.Flyway;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Real, Flyway-migrated databases for tests.
 *
 * <p>SQLite: a file {@code chat.db} in the given directory, opened with the URL convention bootstrap uses
 * ({@link #sqliteUrl(Path)}).
 *
 * <p>PostgreSQL: a fresh schema {@code chat_test_<random>} (selected with {@code currentSchema} in the URL)
 * on a server found in this order:
 * <ol>
 *   <li>system property {@value #POSTGRES_URL_PROPERTY} (with {@code chat.test.postgres.user} /
 *       {@code chat.test.postgres.password}), or environment variable {@code CHAT_TEST_POSTGRES_URL}
 *       (with {@code CHAT_TEST_POSTGRES_USER} / {@code CHAT_TEST_POSTGRES_PASSWORD});</li>
 *   <li>a Testcontainers PostgreSQL when Docker is available (one container per JVM);</li>
 *   <li>{@value #LOCAL_POSTGRES_URL}, user {@code postgres}.</li>
 * </ol>
 * If the chosen server cannot be reached, it fails with a message saying how to provide one.
 */
public final class TestDatabases {

    public static final String POSTGRES_URL_PROPERTY = "chat.test.postgres.url";
    public static final String LOCAL_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private TestDatabases() {
    }

    /** The SQLite URL convention bootstrap uses for a database file. */
    public static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath()
                + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=5000&foreign_keys=true&transaction_mode=IMMEDIATE";
    }

    /** A migrated SQLite database in {@code directory/chat.db}. */
    public static TestDatabase sqlite(Path directory) {
        return sqlite(directory, true);
    }

    /** An SQLite database in {@code directory/chat.db}, migrated or left empty (to let Flyway in Boot do it). */
    public static TestDatabase sqlite(Path directory, boolean migrate) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create " + directory, e);
        }
        var url = sqliteUrl(directory.resolve("chat.db"));
        return open("sqlite", SQLDialect.SQLITE, url, null, null, migrate, () -> {
        });
    }

    /** A migrated PostgreSQL database in a fresh schema of its own. */
    public static TestDatabase postgres() {
        return postgres(true);
    }

    /** A PostgreSQL database in a fresh schema of its own, migrated or left empty. */
    public static TestDatabase postgres(boolean migrate) {
        var server = PostgresServer.get();
        var schema = "chat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        server.execute("create schema " + schema);
        var url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return open("postgresql", SQLDialect.POSTGRES, url, server.user(), server.password(), migrate,
                () -> server.execute("drop schema if exists " + schema + " cascade"));
    }

    private static TestDatabase open(String vendor, SQLDialect dialect, String url, String user, String password,
                                     boolean migrate, Runnable dropper) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(10);
        dataSource.setMinimumIdle(1);
        dataSource.setPoolName("test-" + vendor);
        // SQLite's connections keep their statements, as the server's do (PersistenceConfiguration)
        SqliteStatementCache.install(dataSource);
        if (migrate) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/" + vendor)
                    .load()
                    .migrate();
        }
        // as Spring Boot's jOOQ auto-configuration does it, so tests see what production sees
        var configuration = new DefaultConfiguration()
                .set(dialect)
                .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(dataSource)))
                .set(ExceptionTranslatorExecuteListener.DEFAULT);
        return new TestDatabase(vendor, url, user, password, dataSource, DSL.using(configuration), dropper);
    }

    private record PostgresServer(String url, String user, String password) {

        private static PostgresServer instance;

        static synchronized PostgresServer get() {
            if (instance == null) {
                instance = locate();
            }
            return instance;
        }

        private static PostgresServer locate() {
            var configured = setting(POSTGRES_URL_PROPERTY, "CHAT_TEST_POSTGRES_URL");
            if (configured != null) {
                return check(new PostgresServer(configured,
                        setting("chat.test.postgres.user", "CHAT_TEST_POSTGRES_USER"),
                        setting("chat.test.postgres.password", "CHAT_TEST_POSTGRES_PASSWORD")),
                        "configured by " + POSTGRES_URL_PROPERTY + " / CHAT_TEST_POSTGRES_URL");
            }
            if (DockerClientFactory.instance().isDockerAvailable()) {
                var container = new PostgreSQLContainer(POSTGRES_IMAGE);
                container.start();
                // stopped by Testcontainers' Ryuk when the JVM ends
                return check(new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword()),
                        "Testcontainers");
            }
            return check(new PostgresServer(LOCAL_POSTGRES_URL, "postgres", null),
                    "the conventional local address (no configuration given, no Docker)");
        }

        private static String setting(String property, String environmentVariable) {
            var value = System.getProperty(property);
            if (value == null || value.isBlank()) {
                value = System.getenv(environmentVariable);
            }
            return value == null || value.isBlank() ? null : value;
        }

        private static PostgresServer check(PostgresServer server, String source) {
            try (Connection ignored = server.connect()) {
                return server;
            } catch (SQLException e) {
                throw new IllegalStateException("""
                        No PostgreSQL for the tests: %s (%s) is not reachable: %s
                        Provide one with -D%s=jdbc:postgresql://host:port/database \
                        (and -Dchat.test.postgres.user=... -Dchat.test.postgres.password=...), \
                        or the environment variables CHAT_TEST_POSTGRES_URL / _USER / _PASSWORD, \
                        or make Docker available for Testcontainers."""
                        .formatted(server.url(), source, e.getMessage(), POSTGRES_URL_PROPERTY), e);
            }
        }

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        void execute(String sql) {
            try (var connection = connect(); var statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL test set-up failed on: " + sql, e);
            }
        }
    }
}
