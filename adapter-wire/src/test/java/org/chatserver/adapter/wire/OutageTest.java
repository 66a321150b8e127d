package org.chatserver.adapter.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.junit.jupiter.api.Test;

/**
 * Which failures are outages (503 / 507) and which stay bugs (500), from the exceptions the drivers,
 * the pool, the JDK and the container really throw, however deeply wrapped.
 */
class OutageTest {

    @Test
    void aPoolThatGaveUpWaitingForAConnectionIsAnUnavailableDatabase() {
        var timeout = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3001ms (total=0, active=0)");

        assertThat(Outage.of(new IllegalStateException("Failed to obtain JDBC Connection", timeout)))
                .hasValueSatisfying(outage -> {
                    assertThat(outage.full()).isFalse();
                    assertThat(outage.detail()).isEqualTo("The database is unavailable; try again shortly");
                });
    }

    @Test
    void postgresConnectionFailuresShutdownsAndDeadlocksAreUnavailable() {
        for (String state : new String[] {"08006", "08001", "57P01", "57P03", "53300", "40001", "40P01"}) {
            assertThat(Outage.of(wrapped(new SQLException("from the server", state)))).as(state)
                    .hasValueSatisfying(outage -> assertThat(outage.full()).isFalse());
        }
    }

    @Test
    void sqliteBusyAndIoErrorsAreUnavailable() {
        assertThat(Outage.of(wrapped(new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)",
                null, 5)))).isPresent();
        assertThat(Outage.of(wrapped(new SQLException("[SQLITE_IOERR_WRITE] Some kind of disk I/O error occurred",
                null, 778)))).isPresent();
    }

    @Test
    void aFullDatabaseIsFull() {
        assertThat(Outage.of(wrapped(new SQLException(
                "[SQLITE_FULL] Insertion failed because database is full (database or disk is full)", null, 13))))
                .hasValueSatisfying(outage -> {
                    assertThat(outage.full()).isTrue();
                    assertThat(outage.detail())
                            .isEqualTo("The server's database is full; this cannot be saved until space is freed");
                });
        assertThat(Outage.of(wrapped(new SQLException(
                "could not extend file \"base/16384/16390\": No space left on device", "53100"))))
                .hasValueSatisfying(outage -> assertThat(outage.full()).isTrue());
    }

    @Test
    void aFullDiskUnderTheAttachmentsOrTheUploadSpoolIsFull() {
        var stored = new AttachmentStorageException("storing a.png failed: No space left on device",
                new IOException("No space left on device"));
        var spooled = new IllegalStateException("Failed to parse multipart servlet request",
                new IllegalStateException(new FileSystemException("/tmp/upload_1.tmp: No space left on device")));

        assertThat(Outage.of(stored)).hasValueSatisfying(outage -> assertThat(outage.detail())
                .isEqualTo("The server's file storage is full; this cannot be saved until space is freed"));
        assertThat(Outage.of(spooled)).hasValueSatisfying(outage -> assertThat(outage.full()).isTrue());
    }

    @Test
    void anUnreachableAttachmentStoreIsUnavailable() {
        var s3Down = new AttachmentStorageException("storing a.png failed: Unable to execute HTTP request",
                new RuntimeException("Connect to 127.0.0.1:9000 failed: Connection refused"));

        assertThat(Outage.of(s3Down)).hasValueSatisfying(outage -> assertThat(outage.detail())
                .isEqualTo("The file storage is unavailable; try again shortly"));
    }

    @Test
    void bugsAndClientFaultsAreNoOutage() {
        assertThat(Outage.of(wrapped(new SQLException("duplicate key value violates unique constraint", "23505"))))
                .isEmpty();
        assertThat(Outage.of(wrapped(new SQLException("[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed",
                null, 2067)))).isEmpty();
        assertThat(Outage.of(new IllegalStateException("a bug"))).isEmpty();
        assertThat(Outage.of(new UncheckedIOException(new IOException("Connection reset by peer")))).isEmpty();
        assertThat(Outage.of(new IllegalStateException("Maximum upload size exceeded",
                new IllegalStateException(new IOException("The field file exceeds its maximum permitted size"))))).isEmpty();
    }

    /** As Spring's translation or jOOQ hand it on. */
    private static RuntimeException wrapped(SQLException cause) {
        return new RuntimeException("jOOQ; SQL [insert ...]; " + cause.getMessage(), cause);
    }
}
