package org.chatserver.bootstrap;

import java.nio.file.Path;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.contract.TransactionsContract;
import org.chatserver.application.port.out.Transactions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@link Transactions} the server runs on, over the transaction manager Spring Boot makes, on both databases. */
class SpringTransactionsTest {

    @TempDir
    Path directory;

    private TestDatabase database;

    private Transactions over(TestDatabase opened) {
        database = opened;
        return new SpringTransactions(new TransactionTemplate(new JdbcTransactionManager(opened.dataSource())));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Nested
    class OnSqlite extends TransactionsContract {
        @Override
        protected Transactions newTransactions() {
            return over(TestDatabases.sqlite(directory));
        }
    }

    @Nested
    class OnPostgres extends TransactionsContract {
        @Override
        protected Transactions newTransactions() {
            return over(TestDatabases.postgresReused());
        }
    }
}
