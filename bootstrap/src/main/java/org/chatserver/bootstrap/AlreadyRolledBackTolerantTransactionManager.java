package org.chatserver.bootstrap;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A rollback with nothing left to roll back is done, not failed. Otherwise its failure replaces the
 * failure that mattered, which then never reaches the client:
 * <ul>
 *   <li>SQLite rolls a transaction back by itself when a statement fails for want of disk space, memory
 *       or I/O ({@code SQLITE_FULL}, {@code SQLITE_IOERR}...); the rollback Spring then asks for fails
 *       with "no transaction is active", and a full disk became an anonymous 500;</li>
 *   <li>a connection lost in the middle of a transaction (the database restarted, or a link between
 *       them cut) is closed by the pool when its statement fails; the rollback then fails with
 *       "Connection is closed", and an outage, which is a 503 with {@code Retry-After}, became a 500
 *       logged with two stack traces (a black-box audit). The database ends the transaction of a
 *       connection that is gone by itself.</li>
 * </ul>
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
            if (!nothingToRollBack(e) && !connectionGone()) {
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

    /** Whether the transaction's connection is closed: the pool closes one whose statement found it broken. */
    private boolean connectionGone() {
        if (!(TransactionSynchronizationManager.getResource(obtainDataSource()) instanceof ConnectionHolder holder)) {
            return false;
        }
        try {
            return holder.getConnection().isClosed();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
