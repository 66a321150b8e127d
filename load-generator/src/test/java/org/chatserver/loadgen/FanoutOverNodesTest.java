package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fanout} over several nodes, with two reference relays standing in for two nodes. Relays share
 * nothing, so a message reaches only the members on its sender's node: that is what proves how the
 * members were spread (every room half on each node), while real nodes of our server, sharing rooms
 * through the database and Redis, must deliver everything (load-generator/two-nodes.sh, docs/benchmark.md).
 * Counts only.
 */
class FanoutOverNodesTest {

    private static final String TAG = "nodes";

    @TempDir
    Path out;

    private Relay first;
    private Relay second;

    @BeforeEach
    void start() throws Exception {
        first = Relay.start("127.0.0.1", 0, 1);
        second = Relay.start("127.0.0.1", 0, 1);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    private static String url(Relay relay) {
        return "http://127.0.0.1:" + relay.port();
    }

    /**
     * Our nodes share rooms through the database; relays number rooms in the order they are made, so the
     * second relay knows the first's room ids when given the same rooms in the same order first.
     */
    private static void sameRoomsOn(Relay relay, String... runTags) throws Exception {
        ChatHttp http = new ChatHttp(HttpClient.newHttpClient(), URI.create(url(relay)), Duration.ofSeconds(5));
        for (String runTag : runTags) {
            for (int r = 0; r < 2; r++) {
                http.createOrFindRoom("any", "lg-" + runTag + "-f" + r);
            }
        }
    }

    private RunResult run(String... options) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            return LoadGenerator.execute(Options.parse(options), new PrintStream(console, true, StandardCharsets.UTF_8));
        } finally {
            System.out.print(console.toString(StandardCharsets.UTF_8));
        }
    }

    /** Four members a room, members 0 and 2 on the first node, 1 and 3 on the second: one other member hears each message. */
    private static void assertOnlyTheSendersNodeHeardIt(StepResult step) {
        assertThat(step.sent()).as(step.label()).isPositive();
        assertThat(step.acked()).as(step.label()).isEqualTo(step.sent());
        assertThat(step.delivered()).as(step.label()).isEqualTo(step.sent());
        assertThat(step.lost()).as(step.label()).isEqualTo(2 * step.sent());
        assertThat(step.duplicates()).as(step.label()).isZero();
        assertThat(step.misdirected()).as(step.label()).isZero();
        assertThat(step.errors()).as(step.label()).isZero();
    }

    @Test
    void everyRoomHasHalfItsMembersOnEachNodeAndTheReportSaysSo() throws Exception {
        sameRoomsOn(second, TAG);

        RunResult run = run("fanout", "--base-url=" + url(first) + "," + url(second), "--run-tag=" + TAG,
                "--out=" + out, "--rooms=2", "--members=4", "--rates=40", "--step-seconds=1", "--grace=1");

        assertThat(run.steps()).extracting(StepResult::label).containsExactly("40/s");
        assertOnlyTheSendersNodeHeardIt(run.steps().get(0));
        assertThat(run.baseUrl()).isEqualTo(url(first) + "," + url(second));
        assertThat(run.measurements()).containsEntry("nodes", url(first) + "," + url(second))
                .containsEntry("connections_per_node", Map.of(url(first), 4, url(second), 4));
        assertThat(Report.markdown(run)).contains("- server: " + url(first) + "," + url(second))
                .contains("- connections_per_node: {" + url(first) + "=4, " + url(second) + "=4}");
    }

    @Test
    void compareOneNodeRunsEachStepOnTheFirstNodeAloneFirstAndCarriesTheRatio() throws Exception {
        // the first node makes the one-node rooms first (run tag <tag>o), then the rooms spread over both
        sameRoomsOn(second, TAG + "o", TAG);

        RunResult run = run("fanout", "--base-url=" + url(first) + "," + url(second), "--compare-one-node",
                "--run-tag=" + TAG, "--out=" + out, "--rooms=2", "--members=4", "--rates=40,80", "--step-seconds=1",
                "--grace=1");

        assertThat(run.steps()).extracting(StepResult::label).containsExactly("one node 40/s", "40/s", "one node 80/s",
                "80/s");
        for (StepResult alone : java.util.List.of(run.steps().get(0), run.steps().get(2))) {
            assertThat(alone.delivered()).as(alone.label()).isEqualTo(alone.sent() * 3).isPositive();
            assertThat(alone.lost()).as(alone.label()).isZero();
        }
        StepResult spread = run.steps().get(3);
        assertOnlyTheSendersNodeHeardIt(spread);
        assertThat(spread.extra()).containsKeys("one_node_p99_ms", "p99_ratio_nodes_to_one_node")
                .containsEntry("one_node_lost", 0L).containsEntry("one_node_duplicates", 0L);
        assertThat(run.measurements()).containsEntry("one_node", url(first))
                .containsEntry("connections_per_node", Map.of(url(first), 4, url(second), 4));
        assertThat(Report.markdown(run)).contains("| step | nodes p99 ms | one node p99 ms | nodes/one node |")
                .contains("| 80/s | ");
    }

    @Test
    void otherScenariosAndTheRelayComparisonRefuseWhatTheyCannotDo() {
        String nodes = "--base-url=" + url(first) + "," + url(second);

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int code = LoadGenerator.run(new String[] {"connections", nodes, "--out=" + out},
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(
                "error: --base-url takes several nodes (separated by commas) for fanout and smoke only; connections runs"
                        + " against one server");

        console.reset();
        code = LoadGenerator.run(new String[] {"fanout", nodes, "--compare-one-node", "--relay=auto", "--out=" + out},
                new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(
                "error: --compare-one-node and --relay compare with different things: choose one");

        console.reset();
        code = LoadGenerator.run(new String[] {"fanout", "--base-url=" + url(first), "--compare-one-node",
                "--out=" + out}, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains(
                "error: --compare-one-node needs several nodes in --base-url (separated by commas)");
    }
}
