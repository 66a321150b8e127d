package org.chatserver.bootstrap;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Flyway borrows the application's pooled connections, which carry {@link PostgresDriverDefaults#QUERY}
 * as their network timeout; a migration building an index on a large table may need longer. Its
 * connections get none. The pool restores the usual timeout when Flyway hands them back.
 */
final class MigrationsWithoutQueryTimeout implements FlywayConfigurationCustomizer {

    private static final int NO_TIMEOUT = 0;

    @Override
    public void customize(FluentConfiguration configuration) {
        DataSource dataSource = configuration.getDataSource();
        if (dataSource != null) {
            configuration.dataSource(new Unbounded(dataSource));
        }
    }

    private static final class Unbounded extends DelegatingDataSource {

        Unbounded(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return unbounded(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return unbounded(super.getConnection(username, password));
        }

        private static Connection unbounded(Connection connection) throws SQLException {
            try {
                connection.setNetworkTimeout(Runnable::run, NO_TIMEOUT);
            } catch (SQLFeatureNotSupportedException e) {
                // SQLite has no network to wait on
            }
            return connection;
        }
    }
}
