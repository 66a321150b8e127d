package org.chatserver.adapter.persistence.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.chatserver.adapter.persistence.SqliteStatementCache;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
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
 * <p>PostgreSQL: a fresh schema {@code chat_test_r<run>_<random>} (selected with {@code currentSchema} in the URL)
 * on a server found in this order:
 * <ol>
 *   <li>system property {@value #POSTGRES_URL_PROPERTY} (with {@code chat.test.postgres.user} /
 *       {@code chat.test.postgres.password}), or environment variable {@code CHAT_TEST_POSTGRES_URL}
 *       (with {@code CHAT_TEST_POSTGRES_USER} / {@code CHAT_TEST_POSTGRES_PASSWORD});</li>
 *   <li>a Testcontainers PostgreSQL when Docker is available (one container per JVM);</li>
 *   <li>{@value #LOCAL_POSTGRES_URL}, user {@code postgres}.</li>
 * </ol>
 * If the chosen server cannot be reached, it fails with a message saying how to provide one.
 *
 * <p>Each JVM's schemas are dropped when it ends. One that did not end so (killed: Surefire's time-out, a stopped
 * build) leaves them; the next JVM to use the server drops them. A JVM's schemas carry its run's number, and a
 * session of its own holds that number's advisory lock while it lives, so the lock is free once the run is gone,
 * whichever machine it ran on ({@link #dropSchemasOfEndedRuns()}).
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
        var file = directory.resolve("chat.db");
        if (migrate && !Files.exists(file)) {
            // a copy of a file migrated once per JVM: the same database as migrating this one, in a millisecond
            // where Flyway takes tens of them (each repository contract test opens one)
            SqliteTemplate.copyTo(file);
            migrate = false;
        }
        return open("sqlite", SQLDialect.SQLITE, sqliteUrl(file), null, null, migrate, () -> {
        });
    }

    /** A migrated SQLite file, made on first use and deleted when the JVM exits. */
    private static final class SqliteTemplate {

        private static Path file;

        static synchronized void copyTo(Path target) {
            try {
                if (file == null) {
                    var directory = Files.createTempDirectory("chat-test-sqlite-template-");
                    var template = directory.resolve("chat.db");
                    try (var dataSource = newDataSource("sqlite", sqliteUrl(template), null, null)) {
                        migrate(dataSource, "sqlite");
                        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                            // everything into the file itself, so that copying the file copies the database
                            statement.execute("pragma wal_checkpoint(truncate)");
                        }
                    }
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory),
                            "delete-sqlite-test-template"));
                    file = template;
                }
                Files.copy(file, target);
            } catch (java.io.IOException | SQLException e) {
                throw new IllegalStateException("cannot make a migrated SQLite database at " + target, e);
            }
        }

        private static void deleteTree(Path directory) {
            try (var paths = Files.walk(directory)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (java.io.IOException e) {
                // a temporary folder: the system's clean-up takes it
            }
        }
    }

    /** A migrated PostgreSQL database in a fresh schema of its own. */
    public static TestDatabase postgres() {
        return postgres(true);
    }

    /** A PostgreSQL database in a fresh schema of its own, migrated or left empty. */
    public static TestDatabase postgres(boolean migrate) {
        var server = PostgresServer.get();
        var schema = newSchemaName();
        server.execute("create schema " + schema);
        var url = schemaUrl(server, schema);
        return open("postgresql", SQLDialect.POSTGRES, url, server.user(), server.password(), migrate,
                () -> server.execute("drop schema if exists " + schema + " cascade"));
    }

    /**
     * A migrated PostgreSQL database as {@link #postgres()} gives, but migrated once per JVM: each call hands out the
     * same schema emptied back to what the migrations left in it (their rows and every sequence's position), which
     * takes tens of milliseconds where migrating a new schema takes about a second. For tests that only read and
     * write rows: one that changes the schema itself (indexes, statistics, migrations) takes {@link #postgres()}.
     * One holder at a time; closing it keeps the schema for the next, and the JVM drops it when it exits.
     */
    public static TestDatabase postgresReused() {
        return ReusedPostgres.open();
    }

    private static TestDatabase open(String vendor, SQLDialect dialect, String url, String user, String password,
                                     boolean migrate, Runnable dropper) {
        var dataSource = newDataSource(vendor, url, user, password);
        if (migrate) {
            migrate(dataSource, vendor);
        }
        return new TestDatabase(vendor, url, user, password, dataSource, dsl(dialect, dataSource), () -> {
            dataSource.close();
            dropper.run();
        });
    }

    private static HikariDataSource newDataSource(String vendor, String url, String user, String password) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername(user);
        dataSource.setPassword(password);
        dataSource.setMaximumPoolSize(10);
        dataSource.setMinimumIdle(1);
        dataSource.setPoolName("test-" + vendor);
        // SQLite's connections keep their statements, as the server's do (PersistenceConfiguration)
        SqliteStatementCache.install(dataSource);
        return dataSource;
    }

    private static void migrate(DataSource dataSource, String vendor) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor)
                .load()
                .migrate();
    }

    private static DSLContext dsl(SQLDialect dialect, DataSource dataSource) {
        // as Spring Boot's jOOQ auto-configuration does it, so tests see what production sees
        var configuration = new DefaultConfiguration()
                .set(dialect)
                .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(dataSource)))
                .set(ExceptionTranslatorExecuteListener.DEFAULT);
        return DSL.using(configuration);
    }

    /** The server's URL with a schema selected. */
    private static String schemaUrl(PostgresServer server, String schema) {
        return server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String newSchemaName() {
        return schemaPrefix(PostgresServer.RUN) + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    /** How the schemas of a run's JVM begin: the run's number, as the key of the advisory lock that JVM holds. */
    static String schemaPrefix(long run) {
        return "chat_test_r%016x_".formatted(run);
    }

    /**
     * Drops the schemas of every run whose JVM ended without dropping them: those whose run's advisory lock nobody
     * holds. Done once by each JVM as it first uses the server.
     */
    static void dropSchemasOfEndedRuns() {
        PostgresServer.get().dropSchemasOfEndedRuns();
    }

    /**
     * The schema behind {@link #postgresReused()}. After migrating it keeps a copy of every table the migrations
     * left rows in (in a second schema) and every sequence's position; a reset deletes every row but Flyway's,
     * copies those rows back and sets the sequences where they were, so a test sees the rows and ids a new schema
     * gives. DELETE, not TRUNCATE: on tables this small it takes about 10 ms where TRUNCATE took about 100 ms.
     */
    private static final class ReusedPostgres {

        private static final String FLYWAY_HISTORY = "flyway_schema_history";
        private static ReusedPostgres instance;
        private static boolean held;

        private final TestDatabase database;
        private final String resetSql;

        private ReusedPostgres(TestDatabase database, String resetSql) {
            this.database = database;
            this.resetSql = resetSql;
        }

        static synchronized TestDatabase open() {
            if (held) {
                throw new IllegalStateException("the reused PostgreSQL test database is still held by another test: "
                        + "close it first, or take a schema of your own with TestDatabases.postgres()");
            }
            if (instance == null) {
                instance = create();
            } else {
                instance.reset();
            }
            held = true;
            return instance.database;
        }

        private static synchronized void release() {
            held = false;
        }

        private static ReusedPostgres create() {
            var server = PostgresServer.get();
            var schema = newSchemaName();
            var seeds = schema + "_seeds";
            server.execute("create schema " + schema);
            server.execute("create schema " + seeds);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.execute("drop schema if exists " + schema + " cascade");
                server.execute("drop schema if exists " + seeds + " cascade");
            }, "drop-reused-test-schema"));
            var url = schemaUrl(server, schema);
            var dataSource = newDataSource("postgresql", url, server.user(), server.password());
            migrate(dataSource, "postgresql");
            var reset = new StringBuilder();
            try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
                var tables = names(statement, "select table_name from information_schema.tables where table_schema = '"
                        + schema + "' and table_type = 'BASE TABLE' and table_name <> '" + FLYWAY_HISTORY + "'");
                for (var table : deletionOrder(statement, schema, tables)) {
                    reset.append("delete from ").append(schema).append('.').append(table).append(";\n");
                }
                for (var table : tables) {
                    statement.execute("create table " + seeds + "." + table + " as table " + schema + "." + table);
                    if (count(statement, "select count(*) from " + seeds + "." + table) > 0) {
                        reset.append("insert into ").append(schema).append('.').append(table)
                                .append(" overriding system value table ").append(seeds).append('.').append(table)
                                .append(";\n");
                    }
                }
                for (var sequence : names(statement, "select sequence_name from information_schema.sequences"
                        + " where sequence_schema = '" + schema + "'")) {
                    try (var position = statement.executeQuery(
                            "select last_value, is_called from " + schema + "." + sequence)) {
                        position.next();
                        reset.append("select setval('").append(schema).append('.').append(sequence).append("', ")
                                .append(position.getLong(1)).append(", ").append(position.getBoolean(2))
                                .append(");\n");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL test set-up failed taking the migrated state", e);
            }
            var database = new TestDatabase("postgresql", url, server.user(), server.password(), dataSource,
                    dsl(SQLDialect.POSTGRES, dataSource), ReusedPostgres::release);
            return new ReusedPostgres(database, reset.toString());
        }

        private void reset() {
            try (var connection = database.dataSource().getConnection(); var statement = connection.createStatement()) {
                connection.setAutoCommit(false);
                statement.execute(resetSql);
                connection.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL test set-up failed emptying the reused schema", e);
            }
        }

        /** The tables, each after every other table with a foreign key to it. */
        private static java.util.List<String> deletionOrder(java.sql.Statement statement, String schema,
                                                            java.util.List<String> tables) throws SQLException {
            var referencedBy = new java.util.HashMap<String, java.util.Set<String>>();
            try (var rows = statement.executeQuery("select child.relname, parent.relname from pg_constraint c"
                    + " join pg_class child on child.oid = c.conrelid join pg_class parent on parent.oid = c.confrelid"
                    + " join pg_namespace n on n.oid = child.relnamespace"
                    + " where c.contype = 'f' and n.nspname = '" + schema + "'")) {
                while (rows.next()) {
                    if (!rows.getString(1).equals(rows.getString(2))) {
                        referencedBy.computeIfAbsent(rows.getString(2), parent -> new java.util.HashSet<>())
                                .add(rows.getString(1));
                    }
                }
            }
            var order = new java.util.ArrayList<String>();
            var left = new java.util.ArrayList<>(tables);
            while (!left.isEmpty()) {
                var next = left.stream()
                        .filter(table -> referencedBy.getOrDefault(table, java.util.Set.of()).stream()
                                .noneMatch(left::contains))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("foreign keys in a cycle among " + left
                                + ": the reused test schema cannot be emptied table by table"));
                order.add(next);
                left.remove(next);
            }
            return order;
        }

        private static java.util.List<String> names(java.sql.Statement statement, String query) throws SQLException {
            var names = new java.util.ArrayList<String>();
            try (var rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }

        private static long count(java.sql.Statement statement, String query) throws SQLException {
            try (var rows = statement.executeQuery(query)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private record PostgresServer(String url, String user, String password) {

        /** This JVM's run, a positive number (the key of its advisory lock). */
        static final long RUN = new SecureRandom().nextLong() & Long.MAX_VALUE;
        private static final Pattern RUN_SCHEMA = Pattern.compile("chat_test_r([0-9a-f]{16})_[0-9a-f]{8}(_seeds)?");

        private static PostgresServer instance;
        /** Holds this run's lock until the JVM ends; never closed. */
        private static Connection runSession;

        static synchronized PostgresServer get() {
            if (instance == null) {
                var server = locate();
                server.holdRun();
                server.dropSchemasOfEndedRuns();
                instance = server;
            }
            return instance;
        }

        /** Takes this run's lock, before any schema of it exists, in a session that ends with the JVM. */
        private void holdRun() {
            try {
                runSession = connect();
                try (var statement = runSession.createStatement()) {
                    statement.execute("select pg_advisory_lock(" + RUN + ")");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL test set-up failed taking this run's lock", e);
            }
        }

        void dropSchemasOfEndedRuns() {
            try (var connection = connect(); var statement = connection.createStatement()) {
                var byRun = new java.util.TreeMap<Long, java.util.List<String>>();
                try (var rows = statement.executeQuery("select nspname from pg_namespace where nspname like 'chat\\_test\\_%'")) {
                    while (rows.next()) {
                        var matched = RUN_SCHEMA.matcher(rows.getString(1));
                        if (matched.matches()) {
                            byRun.computeIfAbsent(Long.parseUnsignedLong(matched.group(1), 16),
                                    run -> new java.util.ArrayList<>()).add(rows.getString(1));
                        }
                    }
                }
                for (var run : byRun.entrySet()) {
                    if (tryLock(statement, run.getKey())) {
                        // nobody holds it: that run's JVM is gone (another one dropping them holds it meanwhile)
                        for (var schema : run.getValue()) {
                            statement.execute("drop schema if exists " + schema + " cascade");
                        }
                        statement.execute("select pg_advisory_unlock(" + run.getKey() + ")");
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL test set-up failed dropping the schemas of ended runs", e);
            }
        }

        private static boolean tryLock(java.sql.Statement statement, long run) throws SQLException {
            try (var locked = statement.executeQuery("select pg_try_advisory_lock(" + run + ")")) {
                locked.next();
                return locked.getBoolean(1);
            }
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
