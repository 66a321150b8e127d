package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.Statement;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.adapter.wire.Outage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A connection to PostgreSQL lost in the middle of a transaction (the database restarted, the link cut) is an
 * outage the client is told to retry (503), not a failed rollback that hides it (a 500 and two stack traces,
 * found by a black-box audit cutting a node's database link under posts).
 */
class LostConnectionRollbackTest {

    private final TestDatabase database = TestDatabases.postgres(false);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aConnectionLostMidTransactionFailsAsADatabaseOutage() {
        var manager = new AlreadyRolledBackTolerantTransactionManager(database.dataSource());
        var template = new TransactionTemplate(manager);

        assertThatThrownBy(() -> template.executeWithoutResult(status -> {
            try (Statement statement = DataSourceUtils.getConnection(database.dataSource()).createStatement()) {
                // the server ends this very connection, as a restart or a cut link does
                statement.execute("select pg_terminate_backend(pg_backend_pid())");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }))
                .isNotInstanceOf(TransactionSystemException.class)
                .satisfies(failure -> assertThat(Outage.of(failure))
                        .as("the failure a client is answered for: 503 database unavailable")
                        .hasValueSatisfying(outage -> assertThat(outage.resource()).isEqualTo(Outage.DATABASE)));

        // the pool goes on with a new connection
        Integer answer = template.execute(status -> 1);
        assertThat(answer).isEqualTo(1);
    }
}
