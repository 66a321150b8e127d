package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.core.CorePreparedStatement;

/**
 * SQLite's compiled statements kept per connection, on a real database file, through a Hikari pool as the
 * server has it: what a statement run again must not carry over from its last use.
 */
class SqliteStatementCacheTest {

    @TempDir
    Path directory;

    private HikariDataSource pool;

    @BeforeEach
    void openPool() throws SQLException {
        pool = new HikariDataSource();
        pool.setJdbcUrl(TestDatabases.sqliteUrl(directory.resolve("chat.db")));
        pool.setMaximumPoolSize(1);
        assertThat(SqliteStatementCache.install(pool)).as("installed on an SQLite pool").isTrue();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table t (id integer primary key, v text)");
            s.execute("insert into t (v) values ('a'), ('b'), ('c')");
        }
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void aStatementRunAgainIsNotCompiledAgainEvenInTheConnectionsNextLoan() throws SQLException {
        CorePreparedStatement first;
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("select v from t where id = ?")) {
            s.setLong(1, 1);
            assertThat(single(s)).isEqualTo("a");
            first = s.unwrap(CorePreparedStatement.class);
        }
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement("select v from t where id = ?")) {
            s.setLong(1, 2);
            assertThat(single(s)).isEqualTo("b");
            assertThat(s.unwrap(CorePreparedStatement.class)).as("the statement compiled before").isSameAs(first);
        }
    }

    @Test
    void theParametersOfTheLastUseAreGone() throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select ?")) {
                s.setString(1, "secret of the last caller");
                assertThat(single(s)).isEqualTo("secret of the last caller");
            }
            try (PreparedStatement s = c.prepareStatement("select ?")) {
                assertThat(single(s)).as("a parameter not set this time").isNull();
            }
        }
    }

    @Test
    void aResultSetLeftOpenDoesNotHoldTheLogBackFromTheCheckpoint() throws SQLException {
        try (Connection c = pool.getConnection()) {
            PreparedStatement s = c.prepareStatement("select v from t order by id");
            ResultSet rows = s.executeQuery();
            assertThat(rows.next()).isTrue();
            // the caller closes the statement only, mid-way through its rows: a kept statement must not stay open
            s.close();
            try (Statement w = c.createStatement()) {
                w.execute("insert into t (v) values ('d')");
            }
        }
        try (Connection other = java.sql.DriverManager.getConnection(TestDatabases.sqliteUrl(directory.resolve("chat.db")));
             Statement s = other.createStatement();
             ResultSet checkpoint = s.executeQuery("pragma wal_checkpoint(truncate)")) {
            assertThat(checkpoint.next()).isTrue();
            assertThat(checkpoint.getInt(1)).as("checkpoint blocked by a reader (the log keeps growing)").isZero();
        }
    }

    @Test
    void theSameTextTwiceAtOnceGivesTwoStatements() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement outer = c.prepareStatement("select v from t where id >= ? order by id");
             PreparedStatement inner = c.prepareStatement("select v from t where id >= ? order by id")) {
            outer.setLong(1, 1);
            inner.setLong(1, 3);
            List<String> seen = new ArrayList<>();
            try (ResultSet o = outer.executeQuery()) {
                while (o.next()) {
                    try (ResultSet i = inner.executeQuery()) {
                        i.next();
                        seen.add(o.getString(1) + i.getString(1));
                    }
                }
            }
            assertThat(seen).containsExactly("ac", "bc", "cc");
        }
    }

    @Test
    void aRowLimitSetForOneUseIsNotKeptForTheNext() throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select v from t order by id")) {
                s.setMaxRows(1);
                assertThat(all(s)).containsExactly("a");
            }
            try (PreparedStatement s = c.prepareStatement("select v from t order by id")) {
                assertThat(all(s)).containsExactly("a", "b", "c");
            }
        }
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyUsedStatementIsFinalised() throws SQLException {
        try (var cache = new HikariDataSource()) {
            cache.setDataSource(new SqliteStatementCache(new DriverDataSource(
                    pool.getJdbcUrl(), null, new java.util.Properties(), null, null), 2));
            cache.setMaximumPoolSize(1);
            try (Connection c = cache.getConnection()) {
                CorePreparedStatement oldest = kept(c, "select 1");
                CorePreparedStatement used = kept(c, "select 2");
                kept(c, "select 1 + 1");
                assertThat(kept(c, "select 2")).isSameAs(used);
                kept(c, "select 3");
                assertThat(oldest.isClosed()).as("the least recently used one").isTrue();
                assertThat(used.isClosed()).isFalse();
            }
        }
    }

    @Test
    void closingTheConnectionFinalisesWhatItKept() throws SQLException {
        CorePreparedStatement statement;
        try (var cache = new SqliteStatementCache(new DriverDataSource(
                pool.getJdbcUrl(), null, new java.util.Properties(), null, null), 8).getConnection()) {
            statement = kept(cache, "select v from t");
            assertThat(statement.isClosed()).isFalse();
        }
        assertThat(statement.isClosed()).isTrue();
    }

    @Test
    void aKeptStatementSeesAColumnAddedByAMigration() throws SQLException {
        try (Connection c = pool.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("select v from t where id = ?")) {
                s.setLong(1, 1);
                assertThat(single(s)).isEqualTo("a");
            }
            try (Statement s = c.createStatement()) {
                s.execute("alter table t add column w text default 'x'");
                s.execute("update t set v = 'z' where id = 1");
            }
            try (PreparedStatement s = c.prepareStatement("select v from t where id = ?")) {
                s.setLong(1, 1);
                assertThat(single(s)).isEqualTo("z");
            }
        }
    }

    @Test
    void otherDatabasesPoolsAreLeftAsTheyAre() {
        try (var postgres = new HikariDataSource()) {
            postgres.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/test");
            assertThat(SqliteStatementCache.install(postgres)).isFalse();
            assertThat(postgres.getDataSource()).isNull();
        }
    }

    private static CorePreparedStatement kept(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.executeQuery().close();
            return s.unwrap(CorePreparedStatement.class);
        }
    }

    private static String single(PreparedStatement s) throws SQLException {
        try (ResultSet rows = s.executeQuery()) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static List<String> all(PreparedStatement s) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
