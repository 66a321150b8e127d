package org.chatserver.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The write-ahead log copied on a thread of its own, against a real SQLite file. */
@ExtendWith(OutputCaptureExtension.class)
class SqliteCheckpointsTest {

    private static final int COMMITS = 500;
    private static final int BYTES_A_COMMIT = 32 * 1024;

    @TempDir
    Path directory;

    @Test
    void whatCommitsLeaveInTheLogReachesTheDatabaseFileWithoutACommitCopyingIt() throws Exception {
        Path database = directory.resolve("chat.db");
        String url = TestDatabases.sqliteUrl(database);
        var checkpoints = new SqliteCheckpoints(url, Duration.ofMillis(20));
        long written = (long) COMMITS * BYTES_A_COMMIT;
        try (Connection writer = DriverManager.getConnection(url)) {
            // as the pool's connections are set up: a commit copies the log only past 10,000 pages (40 MiB)
            execute(writer, SqliteCheckpoints.WRITER_CONNECTION_INIT);
            execute(writer, "create table filler (content blob)");
            checkpoints.start();
            // 16 MiB in 500 commits, with the pauses between them that posts have
            for (int i = 0; i < COMMITS; i++) {
                try (var insert = writer.prepareStatement("insert into filler (content) values (?)")) {
                    byte[] content = new byte[BYTES_A_COMMIT];
                    ThreadLocalRandom.current().nextBytes(content);
                    insert.setBytes(1, content);
                    insert.executeUpdate();
                }
                Thread.sleep(2);
            }
            // the writer stays open (closing the last connection would copy the log itself)
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (Files.size(database) < written && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.size(database))
                    .as("bytes in the database file after %d MiB were committed and no commit copied the log "
                            + "(what a crash would have to replay from the log at the next start)", written >> 20)
                    .isGreaterThanOrEqualTo(written);
        } finally {
            checkpoints.stop();
        }
        assertThat(checkpoints.isRunning()).isFalse();
        assertThat(threadsNamed("sqlite-checkpoints")).as("the checkpoint thread after stop").isZero();
    }

    @Test
    void aCheckpointThatCannotRunIsReportedOnceAMinuteWithoutAStackTrace(CapturedOutput output) throws Exception {
        var checkpoints = new SqliteCheckpoints(
                TestDatabases.sqliteUrl(directory.resolve("missing-folder").resolve("chat.db")), Duration.ofMillis(20));
        checkpoints.start();
        try {
            Thread.sleep(300);
            assertThat(checkpoints.isRunning()).isTrue();
        } finally {
            checkpoints.stop();
        }
        String warning = "Copying SQLite's write-ahead log into the database failed";
        assertThat(output.getOut().split(warning, -1)).as("warnings in 300 ms of attempts every 20 ms").hasSize(2);
        assertThat(output.getOut()).doesNotContain("\tat org.sqlite");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).count();
    }
}
