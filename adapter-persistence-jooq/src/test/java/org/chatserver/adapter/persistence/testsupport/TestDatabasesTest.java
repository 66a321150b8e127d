package org.chatserver.adapter.persistence.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A test JVM killed before it could drop its PostgreSQL schemas (Surefire's time-out, a stopped build) no longer leaves
 * them in the database for good: the next test JVM drops them, and never those of a run still going.
 */
class TestDatabasesTest {

    @Test
    void theSchemasOfARunThatEndedAreDroppedAndThoseOfARunStillGoingStay() throws SQLException {
        String url;
        String user;
        String password;
        try (TestDatabase mine = TestDatabases.postgres(false)) {
            url = mine.jdbcUrl().replaceFirst("[?&]currentSchema=.*", "");
            user = mine.username();
            password = mine.password();
        }
        long killed = 0x7e57_0000_0000_0001L + System.nanoTime() % 1_000_000;
        long going = killed + 1;
        String killedSchema = TestDatabases.schemaPrefix(killed) + "0000dead";
        String killedSeeds = killedSchema + "_seeds";
        String goingSchema = TestDatabases.schemaPrefix(going) + "0000a11e";
        try (Connection goingRun = DriverManager.getConnection(url, user, password)) {
            try (Connection killedRun = DriverManager.getConnection(url, user, password)) {
                execute(killedRun, "select pg_advisory_lock(" + killed + ")");
                execute(killedRun, "create schema " + killedSchema);
                execute(killedRun, "create schema " + killedSeeds);
            }
            execute(goingRun, "select pg_advisory_lock(" + going + ")");
            execute(goingRun, "create schema " + goingSchema);
            try {
                TestDatabases.dropSchemasOfEndedRuns();

                assertThat(schemas(goingRun, killedSchema, killedSeeds, goingSchema))
                        .as("the killed run's schemas are gone, the running one's stay")
                        .containsExactly(goingSchema);
            } finally {
                execute(goingRun, "drop schema if exists " + goingSchema + " cascade");
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> schemas(Connection connection, String... names) throws SQLException {
        var found = new java.util.ArrayList<String>();
        try (var statement = connection.prepareStatement(
                "select nspname from pg_namespace where nspname = any (?) order by nspname")) {
            statement.setArray(1, connection.createArrayOf("text", names));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }
}
