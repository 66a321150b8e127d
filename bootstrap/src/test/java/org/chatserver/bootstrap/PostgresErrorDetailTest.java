package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An unexpected database error is logged with its stack trace. On PostgreSQL the driver's exception message carried
 * the server's detail by default, and a unique-key clash quotes the key: a refresh token's hash, say, would have been
 * written to the log. The server's connections leave the values out ({@link PostgresDriverDefaults}), unless the
 * operator asks for them.
 */
class PostgresErrorDetailTest {

    private static final String SECRET = "9f2c4e1a7b-refresh-token-hash";

    @TempDir
    Path dataDir;

    @Test
    void aUniqueKeyClashOnTheServersConnectionsNamesTheConstraintButNotTheValue() throws Exception {
        String logged = clashReportedBy();

        assertThat(logged).as("what a log would show of the clash")
                .contains("duplicate key value violates unique constraint")
                .contains("clash_v_key")
                .doesNotContain(SECRET);
    }

    @Test
    void anOperatorWhoAsksForTheServersDetailGetsIt() throws Exception {
        String logged = clashReportedBy("--spring.datasource.hikari.data-source-properties.logServerErrorDetail=true");

        assertThat(logged).contains(SECRET);
    }

    /** Everything an exception logged with its causes would print, for a clash on the running server's pool. */
    private String clashReportedBy(String... more) throws Exception {
        try (TestDatabase database = TestDatabases.postgres(false)) {
            List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
                    "--chat.data-dir=" + dataDir, "--chat.security.bcrypt-cost=4"));
            args.addAll(List.of(more));
            try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ChatServerApplication.class)
                    .run(ServerArgs.on(database, args.toArray(String[]::new)));
                 Connection connection = context.getBean(DataSource.class).getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("create temporary table clash (v text unique)");
                statement.execute("insert into clash values ('" + SECRET + "')");
                Throwable clash = catchThrowable(() -> statement.execute("insert into clash values ('" + SECRET + "')"));
                assertThat(clash).isInstanceOf(SQLException.class);
                StringBuilder printed = new StringBuilder();
                for (Throwable t = clash; t != null; t = t.getCause()) {
                    printed.append(t).append('\n');
                }
                return printed.toString();
            }
        }
    }
}
