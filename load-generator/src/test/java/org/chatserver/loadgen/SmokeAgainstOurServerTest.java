package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke scenario against our real server, started in this JVM on SQLite: every message must
 * reach every other member exactly once and be acknowledged. Counts only, never timings.
 */
class SmokeAgainstOurServerTest {

    @TempDir
    static Path dataDir;

    private static OurServerInThisJvm server;

    @BeforeAll
    static void startServer() {
        server = OurServerInThisJvm.start(dataDir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void smokeDeliversEveryMessageToEveryOtherMemberOnceAndAcksIt() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult run = server.run(console, "smoke", "--verify-stored", "--grace=10");

        assertThat(run.steps()).as(console.toString()).hasSize(1);
        StepResult step = run.steps().get(0);
        int members = 5;
        assertThat(step.sent()).as(console.toString()).isEqualTo(150);
        assertThat(step.acked()).isEqualTo(step.sent());
        assertThat(step.delivered()).isEqualTo(step.sent() * (members - 1));
        assertThat(step.expectedDeliveries()).isEqualTo(step.delivered());
        assertThat(step.lost()).isZero();
        assertThat(step.duplicates()).isZero();
        assertThat(step.misdirected()).isZero();
        assertThat(step.errors()).as(run.errorsByKind().toString()).isZero();
        assertThat(run.acksSupported()).isTrue();
        assertThat(run.measurements()).containsEntry("stored_messages", 150L).containsEntry("stored_equals_acked", true);

        Report.Files3 files = Report.write(run, server.results());
        assertThat(Files.readString(files.markdown())).contains("| 150 | 150 | 600 |");
    }
}
