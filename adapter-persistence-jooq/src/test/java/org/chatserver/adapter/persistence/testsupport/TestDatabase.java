package org.chatserver.adapter.persistence.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.chatserver.application.port.out.Transactions;
import org.jooq.DSLContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A database made for one test (class): its connection settings, a pooled DataSource, and a DSLContext
 * configured as Spring Boot configures its own (transaction-aware, Spring exception translation).
 * Closing it closes the pool and, for PostgreSQL, drops the test's schema; closing the reused PostgreSQL database
 * ({@link TestDatabases#postgresReused()}) only hands it on to the next test.
 */
public final class TestDatabase implements AutoCloseable {

    private final String vendor;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final Runnable closer;

    TestDatabase(String vendor, String jdbcUrl, String username, String password,
                 HikariDataSource dataSource, DSLContext dsl, Runnable closer) {
        this.vendor = vendor;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.closer = closer;
    }

    /** {@code sqlite} or {@code postgresql}, as Flyway's {@code {vendor}} placeholder names it. */
    public String vendor() {
        return vendor;
    }

    /** For {@code spring.datasource.url}. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** For {@code spring.datasource.username}; may be null (SQLite). */
    public String username() {
        return username;
    }

    /** For {@code spring.datasource.password}; may be null. */
    public String password() {
        return password;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** Spring transactions over this database, which {@link #dsl()} joins. */
    public Transactions transactions() {
        var template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return template.execute(status -> work.get());
            }
        };
    }

    @Override
    public void close() {
        closer.run();
    }
}
