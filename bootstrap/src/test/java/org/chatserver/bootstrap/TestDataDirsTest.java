package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated test runs in one checkout do not pile up the data of the servers they started. */
class TestDataDirsTest {

    @TempDir
    Path root;

    @Test
    void aRunRemovesTheFoldersEarlierRunsLeftAndKeepsTheOnesStillInUse() throws IOException {
        Instant now = Instant.now();
        Path leftOver = Files.createDirectories(root.resolve("sqlite-full-test-1"));
        Files.writeString(Files.createDirectories(leftOver.resolve("files")).resolve("photo.jpg"), "bytes");
        Files.writeString(leftOver.resolve("chat.db"), "pages");
        Files.setLastModifiedTime(leftOver, FileTime.from(now.minus(TestDataDirs.LEFT_FOR).minusSeconds(60)));
        Path inUse = Files.createDirectories(root.resolve("sqlite-full-test-2"));
        Files.setLastModifiedTime(inUse, FileTime.from(now.minus(TestDataDirs.LEFT_FOR).plusSeconds(60)));

        TestDataDirs.removeLeftovers(root, now.minus(TestDataDirs.LEFT_FOR));

        assertThat(leftOver).as("a folder no test has touched for longer than a run").doesNotExist();
        assertThat(inUse).as("a folder a build running beside this one may still use").isDirectory();
    }
}
