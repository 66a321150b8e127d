package org.chatserver.bootstrap;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * SQLite rolls a transaction back by itself when a statement fails for want of disk space, memory
 * or I/O ({@code SQLITE_FULL}, {@code SQLITE_IOERR}...); the rollback Spring then asks for fails
 * with "no transaction is active", and that failure replaced the one that mattered: a full disk
 * became an anonymous 500. A rollback with nothing left to roll back is done, not failed.
 */
final class AlreadyRolledBackTolerantTransactionManager extends JdbcTransactionManager {

    private static final String NOTHING_TO_ROLL_BACK = "no transaction is active";
    private static final int MAX_DEPTH = 16;

    AlreadyRolledBackTolerantTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        try {
            super.doRollback(status);
        } catch (RuntimeException e) {
            if (!nothingToRollBack(e)) {
                throw e;
            }
        }
    }

    private static boolean nothingToRollBack(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains(NOTHING_TO_ROLL_BACK)) {
                return true;
            }
        }
        return false;
    }
}
