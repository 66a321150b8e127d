package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatserver.adapter.persistence.generated.Tables.AUTH_SESSIONS;
import static org.chatserver.adapter.persistence.generated.Tables.REFRESH_TOKENS;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQLite allows one writer at a time. With the URL convention (busy timeout, IMMEDIATE transactions) a
 * second writer must wait its turn, not fail with SQLITE_BUSY, even for read-then-write transactions,
 * which in SQLite's default DEFERRED mode fail whatever the timeout.
 */
class SqliteConcurrentWritersTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:15:30Z");
    private static final int THREADS = 8;
    private static final int TRANSACTIONS_PER_THREAD = 25;

    @TempDir
    Path directory;

    private TestDatabase database;
    private TransactionTemplate transactions;
    private JooqUserRepository users;
    private JooqSessionStore sessions;

    @BeforeEach
    void openDatabase() {
        database = TestDatabases.sqlite(directory);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
        users = new JooqUserRepository(database.dsl());
        sessions = new JooqSessionStore(database.dsl());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    @Test
    void concurrentWriteTransactionsWaitForEachOtherAndAllCommit() throws Exception {
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < TRANSACTIONS_PER_THREAD; i++) {
                        signUpAndLogIn("w" + thread + "_" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var worker : workers) {
                worker.get(60, TimeUnit.SECONDS); // rethrows any SQLITE_BUSY a worker met
            }
        } finally {
            pool.shutdownNow();
        }

        int expected = THREADS * TRANSACTIONS_PER_THREAD;
        assertThat(database.dsl().fetchCount(USERS)).isEqualTo(expected);
        assertThat(database.dsl().fetchCount(AUTH_SESSIONS)).isEqualTo(expected);
        assertThat(database.dsl().fetchCount(REFRESH_TOKENS, REFRESH_TOKENS.USED_AT.isNotNull())).isEqualTo(expected);
    }

    @Test
    void aFailedTransactionLeavesNothingBehind() {
        try {
            transactions.executeWithoutResult(status -> {
                var user = users.create(new Username("ghost"), new PasswordHash("h"), NOW).orElseThrow();
                sessions.open(user.id(), NOW);
                throw new IllegalStateException("use case failed after writing");
            });
        } catch (IllegalStateException expected) {
            // the point is what the database holds afterwards
        }

        assertThat(users.findByUsername(new Username("ghost"))).isEmpty();
        assertThat(database.dsl().fetchCount(AUTH_SESSIONS)).isZero();
    }

    /** Reads, then writes three tables: the shape of a real sign-up + log-in + refresh. */
    private void signUpAndLogIn(String name) {
        transactions.executeWithoutResult(status -> {
            var username = new Username(name);
            assertThat(users.findByUsername(username)).isEmpty();
            var user = users.create(username, new PasswordHash("h"), NOW).orElseThrow();
            var session = sessions.open(user.id(), NOW);
            // the id read back after the insert is this transaction's row, not another writer's
            assertThat(sessions.find(session.id()).orElseThrow().userId()).isEqualTo(user.id());
            sessions.addRefreshToken(session.id(), "token-" + name, NOW.plusSeconds(3600));
            assertThat(sessions.markRefreshTokenUsed("token-" + name, NOW)).isTrue();
        });
    }
}
