package org.chatserver.adapter.persistence;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Recognises database errors by the driver's own codes, whatever wraps them: jOOQ's DataAccessException
 * when used alone, Spring's DataAccessException when Boot's exception translator is installed.
 */
final class SqlErrors {

    private static final String POSTGRES_FOREIGN_KEY_VIOLATION = "23503";

    private SqlErrors() {
    }

    /**
     * Runs a write whose foreign keys name rows the caller chose: a refused key becomes an
     * IllegalArgumentException saying what was missing, any other error passes unchanged.
     */
    static <T> T refusingUnknown(Supplier<T> write, Supplier<String> missing) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (isForeignKeyViolation(e)) {
                throw new IllegalArgumentException(missing.get(), e);
            }
            throw e;
        }
    }

    static boolean isForeignKeyViolation(Throwable error) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLiteException sqlite) {
                return sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return POSTGRES_FOREIGN_KEY_VIOLATION.equals(sql.getSQLState());
            }
        }
        return false;
    }
}
