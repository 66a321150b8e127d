package org.chatserver.loadgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The relay's optional durable write ({@code relay --store=<file>}, {@code fanout --relay-store=sqlite}): each
 * message becomes one row of an SQLite database, committed before the relay acks it or sends it to anyone.
 *
 * <p>It is the floor of what a server that answers only after a durable write pays for it, so that {@code fanout}
 * can also say how far our server is from "store the message, then move the bytes". The database is set up as our
 * server's embedded one is ({@code journal_mode=WAL}, {@code synchronous=NORMAL}: a commit reaches the log without
 * waiting for the disk, checkpoints sync it); the row is what our wire frame carries (room, id, sender, text as
 * it arrived, still JSON-escaped, and time), in one table keyed by room and id, with no other index, search
 * index or change log. One connection, one commit a message, taken in turn by the relay's threads.
 *
 * <p>A store starts empty: a file that already exists is refused, as ids begin at 1 again each start.
 */
final class RelayStore implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement insert;
    private final ReentrantLock lock = new ReentrantLock();

    private RelayStore(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create table messages (room_id integer not null, id integer not null, sender text not null,"
                    + " content text not null, created_at text not null, primary key (room_id, id)) without rowid");
        }
        this.insert = connection.prepareStatement(
                "insert into messages (room_id, id, sender, content, created_at) values (?, ?, ?, ?, ?)");
    }

    /** Creates the database at {@code file}, which must not exist yet. */
    static RelayStore create(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new IOException("--store=" + file + " already exists; the relay starts with a new store each time"
                    + " (its ids begin at 1), so give a path that does not exist yet");
        }
        if (absolute.getParent() == null || !Files.isDirectory(absolute.getParent())) {
            throw new IOException("--store=" + file + ": the folder " + absolute.getParent() + " does not exist");
        }
        try {
            Connection connection = DriverManager.getConnection(
                    "jdbc:sqlite:" + absolute + "?journal_mode=WAL&synchronous=NORMAL");
            try {
                return new RelayStore(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("--store=" + file + ": SQLite could not create the database: " + e.getMessage(), e);
        }
    }

    /**
     * Stores one message and commits it; returns only once it is committed.
     *
     * @param content the text as it arrived in the frame (JSON-escaped), {@code from} to {@code to} of {@code b}
     * @throws SQLException when it is not stored: the relay then neither acks nor delivers it
     */
    void append(long roomId, long id, byte[] sender, byte[] b, int from, int to, byte[] timestamp) throws SQLException {
        lock.lock();
        try {
            insert.setLong(1, roomId);
            insert.setLong(2, id);
            insert.setString(3, new String(sender, StandardCharsets.UTF_8));
            insert.setString(4, new String(b, from, to - from, StandardCharsets.UTF_8));
            insert.setString(5, new String(timestamp, StandardCharsets.US_ASCII));
            // auto-commit: the statement is its own transaction, committed when it returns
            insert.executeUpdate();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            // closing anyway
        } finally {
            lock.unlock();
        }
    }
}
