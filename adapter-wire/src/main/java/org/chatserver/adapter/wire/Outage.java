package org.chatserver.adapter.wire;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Optional;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;

/**
 * A request that failed because something the server depends on is down or full, not because of
 * a bug: worth a 503 or 507 that tells the client to come back, instead of a 500.
 *
 * <p>Recognised anywhere in the cause chain, whoever wrapped it (jOOQ, Spring's translation,
 * Spring's transaction manager, the servlet container's multipart parser): by the JDBC exception
 * classes for transient and connection failures, by SQL state for PostgreSQL, by SQLite's result
 * code (which its driver puts first in the message), and by the operating system's words for a full
 * disk, which is all Java gives for {@code ENOSPC}.
 *
 * @param full     no space left: 507, nothing to retry until an operator frees some
 * @param resource what is down, as the client is told
 * @param cause    the exception that says so, for the log
 */
public record Outage(boolean full, String resource, Throwable cause) {

    public static final String DATABASE = "database";
    public static final String FILE_STORAGE = "file storage";

    /** What the OS says for ENOSPC and EDQUOT, and SQLite for SQLITE_FULL. */
    private static final List<String> FULL_MESSAGES = List.of("No space left on device", "Disk quota exceeded");
    private static final String POSTGRES_DISK_FULL = "53100";
    /** SQL state classes: connection exception, insufficient resources, operator intervention. */
    private static final List<String> UNAVAILABLE_STATE_CLASSES = List.of("08", "53", "57");
    /** Serialization failure, deadlock, lock not available: the same request may well succeed again. */
    private static final List<String> RETRYABLE_STATES = List.of("40001", "40P01", "55P03");
    private static final String SQLITE_FULL = "[SQLITE_FULL]";
    private static final List<String> SQLITE_UNAVAILABLE = List.of("[SQLITE_BUSY", "[SQLITE_LOCKED", "[SQLITE_IOERR",
            "[SQLITE_CANTOPEN", "[SQLITE_READONLY", "[SQLITE_PROTOCOL");
    /** A cause chain may loop. */
    private static final int MAX_DEPTH = 32;

    /** The outage behind {@code failure}, if any; a full disk wins over an unreachable store. */
    public static Optional<Outage> of(Throwable failure) {
        Outage found = null;
        String resource = null;
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof AttachmentStorageException) {
                resource = FILE_STORAGE;
            }
            if (cause instanceof SQLException) {
                resource = DATABASE;
            }
            if (isFull(cause)) {
                return Optional.of(new Outage(true, resource == null ? FILE_STORAGE : resource, cause));
            }
            if (found == null && isUnavailable(cause)) {
                found = new Outage(false, DATABASE, cause);
            }
        }
        if (found != null) {
            return Optional.of(found);
        }
        if (FILE_STORAGE.equals(resource)) {
            return Optional.of(new Outage(false, FILE_STORAGE, failure));
        }
        return Optional.empty();
    }

    public String detail() {
        return full
                ? "The server's " + resource + " is full; this cannot be saved until space is freed"
                : "The " + resource + " is unavailable; try again shortly";
    }

    private static boolean isFull(Throwable cause) {
        String message = cause.getMessage();
        if (message == null) {
            return false;
        }
        if (cause instanceof SQLException sql) {
            return POSTGRES_DISK_FULL.equals(sql.getSQLState()) || message.startsWith(SQLITE_FULL);
        }
        return cause instanceof IOException && FULL_MESSAGES.stream().anyMatch(message::contains);
    }

    private static boolean isUnavailable(Throwable cause) {
        if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                || cause instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (!(cause instanceof SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState();
        if (state != null && state.length() == 5) {
            return UNAVAILABLE_STATE_CLASSES.contains(state.substring(0, 2)) || RETRYABLE_STATES.contains(state);
        }
        String message = sql.getMessage();
        return message != null && SQLITE_UNAVAILABLE.stream().anyMatch(message::startsWith);
    }
}
