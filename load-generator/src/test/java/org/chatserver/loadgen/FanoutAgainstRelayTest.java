package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out accounting against the reference relay, and a run that compares two targets step by
 * step: everything delivered once, nothing misdirected, the ratio on the server's steps. Counts only.
 */
class FanoutAgainstRelayTest {

    @TempDir
    static Path out;

    private static Relay standIn;
    private static String standInUrl;

    @BeforeAll
    static void start() throws Exception {
        // stands in for "our server": any implementation of the contract will do for the comparison's mechanics
        standIn = Relay.start("127.0.0.1", 0, 1);
        standInUrl = "http://127.0.0.1:" + standIn.port();
    }

    @AfterAll
    static void stop() {
        standIn.close();
    }

    private static RunResult run(String... args) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            return LoadGenerator.execute(Options.parse(args), new PrintStream(console, true, StandardCharsets.UTF_8));
        } finally {
            System.out.print(console.toString(StandardCharsets.UTF_8));
        }
    }

    private static void assertEveryoneGotEverythingOnce(StepResult step, int members) {
        assertThat(step.sent()).as(step.label()).isPositive();
        assertThat(step.acked()).as(step.label()).isEqualTo(step.sent());
        assertThat(step.delivered()).as(step.label()).isEqualTo(step.sent() * (members - 1));
        assertThat(step.lost()).as(step.label()).isZero();
        assertThat(step.duplicates()).as(step.label()).isZero();
        assertThat(step.misdirected()).as(step.label()).isZero();
        assertThat(step.errors()).as(step.label()).isZero();
    }

    @Test
    void theRelayDeliversEveryMessageToEveryOtherMemberOnceAndAcksIt() throws Exception {
        RunResult run = run("smoke", "--base-url=" + standInUrl, "--out=" + out, "--members=6", "--rates=100",
                "--step-seconds=2", "--grace=5");

        assertThat(run.acksSupported()).isTrue();
        assertEveryoneGotEverythingOnce(run.steps().get(0), 6);
        assertThat(run.steps().get(0).extra()).containsKey("tool_cpu_seconds");
    }

    @Test
    void withARelayEveryStepRunsAgainstBothAndTheServersStepCarriesTheRatio() throws Exception {
        Relay reference = Relay.start("127.0.0.1", 0, 1);
        try {
            RunResult run = run("fanout", "--base-url=" + standInUrl, "--relay=http://127.0.0.1:" + reference.port(),
                    "--out=" + out, "--rooms=2", "--members=4", "--rates=40,80", "--step-seconds=1", "--grace=5");

            assertThat(run.steps()).extracting(StepResult::label)
                    .containsExactly("relay 40/s", "40/s", "relay 80/s", "80/s");
            run.steps().forEach(step -> assertEveryoneGotEverythingOnce(step, 4));
            StepResult server = run.steps().get(3);
            assertThat(server.extra()).containsKeys("relay_p99_ms", "p99_ratio_server_to_relay")
                    .containsEntry("relay_lost", 0L).containsEntry("relay_duplicates", 0L);
            assertThat(Report.markdown(run)).contains("| step | server p99 ms | relay p99 ms | server/relay |")
                    .contains("| 80/s | ").contains("Within 100 ms (p99 of the step and of every step before it");
            // how far each stayed within 100 ms is one of the steps' rates (0: not even the first; which one
            // depends on this machine's moment, ReportTest pins the rule)
            assertThat(run.measurements()).containsKeys("server_highest_rate_within_100ms",
                    "relay_highest_rate_within_100ms");
            assertThat(List.of(run.measurements().get("server_highest_rate_within_100ms"),
                    run.measurements().get("relay_highest_rate_within_100ms"))).allSatisfy(rate ->
                    assertThat(rate).isIn(0.0, 40.0, 80.0));
        } finally {
            reference.close();
        }
    }

    @Test
    void aWarmUpRunsTheFirstRateAgainstEachSideFirstAndIsNotCompared() throws Exception {
        Relay reference = Relay.start("127.0.0.1", 0, 1);
        try {
            RunResult run = run("fanout", "--base-url=" + standInUrl, "--relay=http://127.0.0.1:" + reference.port(),
                    "--out=" + out, "--rooms=2", "--members=4", "--rates=40", "--step-seconds=1",
                    "--warmup-seconds=1", "--grace=5");

            assertThat(run.steps()).extracting(StepResult::label)
                    .containsExactly("relay 40/s warm-up", "40/s warm-up", "relay 40/s", "40/s");
            run.steps().forEach(step -> assertEveryoneGotEverythingOnce(step, 4));
            assertThat(run.steps().get(1).extra()).doesNotContainKeys("relay_p99_ms", "p99_ratio_server_to_relay");
            assertThat(run.steps().get(3).extra()).containsKeys("relay_p99_ms", "p99_ratio_server_to_relay");
        } finally {
            reference.close();
        }
    }

    @Test
    void relayAutoStartsTheRelayInAChildJvmAndStopsIt() throws Exception {
        RunResult run = run("fanout", "--base-url=" + standInUrl, "--relay=auto", "--relay-threads=1",
                "--relay-java-options=-Xmx64m -XX:+UseSerialGC", "--out=" + out, "--rooms=1", "--members=3",
                "--rates=20", "--step-seconds=1", "--grace=5");

        assertThat(run.steps()).extracting(StepResult::label).containsExactly("relay 20/s", "20/s");
        run.steps().forEach(step -> assertEveryoneGotEverythingOnce(step, 3));
        String relayUrl = (String) run.measurements().get("relay");
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(List::of).orElse(List.of())
                .contains("relay")).filter(p -> p.parent().map(ProcessHandle.current()::equals).orElse(false)).count())
                .as("no child relay left running (%s)", relayUrl).isZero();
    }

    @Test
    void relayStoreSqliteHasTheChildCommitEachMessageBeforeItsAckAndTakesItsStoreAway() throws Exception {
        Set<Path> storesBefore = relayStores();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult run = LoadGenerator.execute(Options.parse("fanout", "--base-url=" + standInUrl, "--relay=auto",
                "--relay-store=sqlite", "--relay-threads=1", "--relay-java-options=-Xmx64m -XX:+UseSerialGC",
                "--out=" + out, "--rooms=1", "--members=3", "--rates=20", "--step-seconds=1", "--grace=5"),
                new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(console.toString(StandardCharsets.UTF_8)).contains("committing each message to SQLite before its ack");
        assertThat(run.steps()).extracting(StepResult::label).containsExactly("relay 20/s", "20/s");
        run.steps().forEach(step -> assertEveryoneGotEverythingOnce(step, 3));
        assertThat(run.parameters()).containsEntry("relay-store", "sqlite");
        assertThat(relayStores()).as("the child relay's store folders left behind").isSubsetOf(storesBefore);
    }

    /** The temporary folders child relays keep their stores in. */
    private static Set<Path> relayStores() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("relay-store"))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void aRelayStoreOtherThanSqliteOrWithoutAChildRelayIsAUsageMistake() {
        for (String[] args : List.of(
                new String[] {"fanout", "--base-url=" + standInUrl, "--relay=auto", "--relay-store=disk"},
                new String[] {"fanout", "--base-url=" + standInUrl, "--relay=" + standInUrl, "--relay-store=sqlite"},
                new String[] {"fanout", "--base-url=" + standInUrl, "--relay-store=sqlite"})) {
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            int exit = LoadGenerator.run(args, new PrintStream(console, true, StandardCharsets.UTF_8));
            assertThat(exit).as(String.join(" ", args)).isEqualTo(2);
            assertThat(console.toString(StandardCharsets.UTF_8)).as(String.join(" ", args))
                    .containsAnyOf("--relay-store must be none or sqlite, got 'disk'",
                            "--relay-store=sqlite needs --relay=auto");
        }
    }
}
