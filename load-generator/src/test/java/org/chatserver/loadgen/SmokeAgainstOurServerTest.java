package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chatserver.bootstrap.ChatServerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The smoke scenario against our real server, started in this JVM on SQLite: every message must
 * reach every other member exactly once and be acknowledged. Counts only, never timings.
 */
class SmokeAgainstOurServerTest {

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext server;
    private static String baseUrl;

    @BeforeAll
    static void startServer() {
        server = new SpringApplicationBuilder(ChatServerApplication.class).run("--server.port=0",
                "--chat.data-dir=" + dataDir, "--chat.security.bcrypt-cost=4");
        baseUrl = "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void smokeDeliversEveryMessageToEveryOtherMemberOnceAndAcksIt() throws Exception {
        Path out = dataDir.resolve("results");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult run = LoadGenerator.execute(Options.parse("smoke", "--base-url=" + baseUrl, "--out=" + out,
                "--verify-stored", "--grace=10"), new PrintStream(console, true, StandardCharsets.UTF_8));

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

        Report.Files3 files = Report.write(run, out);
        assertThat(Files.readString(files.markdown())).contains("| 150 | 150 | 600 |");
    }
}
