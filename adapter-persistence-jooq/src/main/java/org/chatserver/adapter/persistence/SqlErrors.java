package org.chatserver.adapter.persistence;

import java.sql.SQLException;
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
