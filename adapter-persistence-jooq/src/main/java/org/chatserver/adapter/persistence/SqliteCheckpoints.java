package org.chatserver.adapter.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Copies SQLite's write-ahead log into the database file on a thread of its own, so that commits do not.
 *
 * <p>In WAL mode SQLite checkpoints in the connection that commits, by default whenever the log passes
 * 1,000 pages: that commit then copies the log into the database and syncs both files before it returns.
 * The server writes through one connection (see bootstrap's {@code SqlitePoolSize}), so every post, read and
 * log-in waits behind it; a post writes some 20 pages, so under chat load that is a checkpoint several times a
 * second, each holding the connection for the time of two {@code fsync}s (1–5 ms each on the project's
 * machine): the slowest percent of deliveries (docs/benchmark.md, issue 14.3).
 *
 * <p>Here a connection of its own (outside the pool) runs a {@code PASSIVE} checkpoint every
 * {@linkplain #INTERVAL interval}: it copies what the log holds without waiting for, or blocking, the writer
 * or readers, and once it has caught up the writer starts the log from the beginning again at its next
 * transaction, so the log stays as small as before. The pool's connections keep SQLite's own checkpoint, at
 * {@value #WRITER_CHECKPOINT_PAGES} pages ({@link #WRITER_CONNECTION_INIT}): a safety net for a log this thread
 * cannot catch up with (it only copies what the background pass has not, so it stays short), or a thread
 * that stopped. A failure is logged and tried again; it never stops the server.
 *
 * <p>Idle where the database is not SQLite.
 */
public final class SqliteCheckpoints implements SmartLifecycle {

    /** How often the log is copied into the database. */
    static final Duration INTERVAL = Duration.ofMillis(100);

    /** Where the pool's own connections still checkpoint (SQLite's default: 1,000 pages; a page is 4 KiB). */
    static final int WRITER_CHECKPOINT_PAGES = 10_000;

    /**
     * What the pool's connections run first (PersistenceConfiguration's {@code connectionInit}), unless the
     * operator chose the connections' first statement ({@code spring.datasource.hikari.connection-init-sql}) or
     * their checkpoints ({@code wal_autocheckpoint} in the URL).
     */
    static final String WRITER_CONNECTION_INIT = "PRAGMA wal_autocheckpoint = " + WRITER_CHECKPOINT_PAGES;

    private static final Logger log = LoggerFactory.getLogger(SqliteCheckpoints.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final String THREAD_NAME = "sqlite-checkpoints";

    private final String url;
    private final Duration interval;
    private volatile Thread thread;
    private volatile boolean running;
    private long lastWarningNanos;
    private boolean warned;

    /** @param url the JDBC URL of the SQLite database; null where the database is another */
    SqliteCheckpoints(String url, Duration interval) {
        this.url = url;
        this.interval = interval;
    }

    /** For the server's database: checkpoints where it is SQLite, nothing otherwise. */
    public static SqliteCheckpoints of(DataSource dataSource) {
        return new SqliteCheckpoints(sqliteUrl(dataSource), INTERVAL);
    }

    /** The pool's JDBC URL where it is an SQLite one; null otherwise. */
    static String sqliteUrl(DataSource dataSource) {
        return dataSource instanceof HikariDataSource pool && PersistenceConfiguration.isSqlite(pool.getJdbcUrl())
                ? pool.getJdbcUrl() : null;
    }

    @Override
    public void start() {
        if (url == null || running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name(THREAD_NAME).start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        Thread worker = thread;
        if (worker != null) {
            worker.interrupt();
            try {
                // a checkpoint in progress finishes (SQLite does not heed interrupts); it takes milliseconds
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Started before, and stopped after, everything else that has a lifecycle: the posts that a graceful
     * shutdown still stores have their log copied here too.
     */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    private void run() {
        Connection connection = null;
        try {
            while (running) {
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    break;
                }
                try {
                    if (connection == null) {
                        connection = DriverManager.getConnection(url);
                    }
                    checkpoint(connection);
                } catch (SQLException | RuntimeException e) {
                    warn(e);
                    close(connection);
                    connection = null;
                }
            }
        } finally {
            close(connection);
        }
    }

    private static void checkpoint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet ignored = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // one row: busy, pages in the log, pages of it copied; nothing to do with them
        }
    }

    private void warn(Exception e) {
        long now = System.nanoTime();
        if (!warned || now - lastWarningNanos > WARN_EVERY_NANOS) {
            warned = true;
            lastWarningNanos = now;
            log.warn("Copying SQLite's write-ahead log into the database failed ({}); trying again, and commits "
                    + "copy it themselves past {} pages", e.toString(), WRITER_CHECKPOINT_PAGES);
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the checkpoint connection failed ({})", e.toString());
            }
        }
    }
}
