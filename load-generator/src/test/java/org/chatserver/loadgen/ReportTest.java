package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportTest {

    @TempDir
    Path dir;

    private static StepResult step(String label, double rate, double p99) {
        return step(label, rate, latency(p99), latency(p99));
    }

    /** As {@link #step(String, double, double)}, with acks of this median (none at all for 0). */
    private static StepResult step(String label, double rate, double p99, double ackP50) {
        LatencySummary acks = ackP50 == 0 ? new LatencySummary(0, 0, 0, 0, 0, 0, 0)
                : new LatencySummary(100, ackP50, ackP50 * 2, ackP50 * 4, ackP50 * 8, ackP50 * 9, ackP50);
        return step(label, rate, latency(p99), acks);
    }

    private static LatencySummary latency(double p99) {
        return new LatencySummary(100, 1.5, 2, p99, p99 * 2, p99 * 3, 1.7);
    }

    private static StepResult step(String label, double rate, LatencySummary latency, LatencySummary acks) {
        return step(label, rate, latency, acks, List.of());
    }

    private static StepResult step(String label, double rate, LatencySummary latency, LatencySummary acks,
                                   List<LatencyWindow> windows) {
        return new StepResult(label, rate, 30, rate, (long) rate * 30, (long) rate * 30, 0, (long) rate * 30,
                (long) rate * 30 * 49, (long) rate * 30 * 49 - 2, rate * 49, rate, 2, 1, 0, 0, 3, 0.4, latency,
                acks, windows, Map.of());
    }

    private static RunResult run() {
        return new RunResult("fanout", "http://127.0.0.1:8000", "ab12", "2026-11-02T10:00:00Z", 190.5, false,
                Map.of("rooms", "20"), List.of(step("250/s", 250, 4), step("500/s", 500, 40)),
                Map.of("stored_messages", 22_500), Map.of("error frame: slow down", 3L), 0,
                List.of("the server sends no acks"));
    }

    /** A run whose first step's first five seconds were slow (a cold server), and a second step without windows. */
    private static RunResult coldStart() {
        LatencySummary cold = new LatencySummary(1250, 20.5, 60, 119, 160, 165.6, 25);
        LatencySummary warm = new LatencySummary(6250, 2.4, 5, 12.3, 20, 25.1, 2.6);
        StepResult windowed = step("250/s", 250, latency(4), latency(4),
                List.of(new LatencyWindow(0, 5, cold), new LatencyWindow(5, 30.1, warm)));
        return new RunResult("fanout", "http://127.0.0.1:8000", "ab12", "2026-11-02T10:00:00Z", 60, true,
                Map.of(), List.of(windowed, step("500/s", 500, 40)), Map.of(), Map.of(), 0, List.of());
    }

    @Test
    void aStepsFirstSecondsAreShownApartInBothReports() throws Exception {
        Report.Files3 files = Report.write(coldStart(), dir);

        assertThat(Files.readString(files.markdown())).as("the markdown report")
                .contains("| 250/s | 0.0–5.0 s: 20.5 / 119 · 5.0–30.1 s: 2.40 / 12.3 |")
                .doesNotContain("| 500/s | 0.0");
        JsonNode windows = JsonMapper.builder().build().readTree(Files.readString(files.json()))
                .get("steps").get(0).get("windows");
        assertThat(windows).as("the JSON report's windows of the first step").hasSize(2);
        assertThat(windows.get(1).get("from_seconds").asDouble()).isEqualTo(5);
        assertThat(windows.get(1).get("to_seconds").asDouble()).isEqualTo(30.1);
        assertThat(windows.get(0).get("latency").get("p99_ms").asDouble()).isEqualTo(119);
    }

    @Test
    void theHtmlReportChartsAStepsFirstSecondsApartFromTheRest() throws Exception {
        String html = Files.readString(Report.write(coldStart(), dir).html());

        assertThat(html).as("the HTML report of a run whose first step had a slow start")
                .contains("aria-label=\"latency by when deliveries arrived, within each step\"")
                .contains("<title>250/s 0.0–5.0 s p99: 119 ms</title>")
                .contains("<title>250/s 5.0–30.1 s p50: 2.40 ms</title>")
                .doesNotContain("<title>500/s 0.0");
        assertThat(Files.readString(Report.write(run(), dir).html())).as("the HTML report of a run without windows")
                .doesNotContain("within each step");
    }

    @Test
    void jsonHasEveryCountAndPercentileInSnakeCase() throws Exception {
        Report.Files3 files = Report.write(run(), dir);
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(files.json()));

        assertThat(json.get("scenario").asString()).isEqualTo("fanout");
        assertThat(json.get("acks_supported").asBoolean()).isFalse();
        JsonNode second = json.get("steps").get(1);
        assertThat(second.get("label").asString()).isEqualTo("500/s");
        assertThat(second.get("lost").asLong()).isEqualTo(2);
        assertThat(second.get("duplicates").asLong()).isEqualTo(1);
        assertThat(second.get("delivered_per_second").asDouble()).isEqualTo(24_500);
        assertThat(second.get("latency").get("p999_ms").asDouble()).isEqualTo(80);
        assertThat(json.get("errors_by_kind").get("error frame: slow down").asLong()).isEqualTo(3);
        assertThat(json.get("measurements").get("stored_messages").asLong()).isEqualTo(22_500);
    }

    @Test
    void markdownSummarisesEachStepAndSaysAcksWereNotMeasured() {
        String md = Report.markdown(run());

        assertThat(md).contains("acks: no (server sends none")
                .contains("| 500/s | 500 | 15000 | n/a | 734998 | 24500 | 2 | 1 | 0 | 3 | 1.50 | 40 | 80 | 120 |")
                .contains("> the server sends no acks")
                .contains("`--rooms=20`");
    }

    @Test
    void htmlIsSelfContainedWithAnInlineChartOfEveryPercentile() throws Exception {
        String html = Files.readString(Report.write(run(), dir).html());

        assertThat(html).contains("<svg").contains("offered rate (messages/s)")
                .contains("500/s p99: 40 ms").contains("250/s p99.9: 8 ms")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("src=");
        assertThat(html.split("<polyline", -1)).hasSize(5);
    }

    @Test
    void aRunAgainstTheRelayTabulatesBothP99sTheirRatioAndTheToolsCpu() {
        StepResult relay = step("relay 500/s", 500, 20, 0.2).with("tool_cpu_seconds", 2.5)
                .with("server_cpu_seconds_per_million_receipts", 2.0);
        StepResult server = Reference.RELAY.compared(step("500/s", 500, 50, 2.1)
                        .with("server_cpu_seconds_per_million_receipts", 10.0), relay)
                .with("tool_cpu_seconds", 3.0).with("tool_cpu_seconds_per_million_receipts", 4.08)
                .with("tool_cpu_percent_of_machine", 6.1).with("machine_busy_percent", 80.0)
                .with("tool_percent_of_busy", 7.6);
        RunResult run = new RunResult("fanout", "http://127.0.0.1:8000", "ab12", "2026-11-02T10:00:00Z", 60, true,
                Map.of(), List.of(relay, server), Map.of(), Map.of(), 0, List.of());

        String md = Report.markdown(run);

        assertThat(server.extra()).containsEntry("p99_ratio_server_to_relay", 2.5)
                .containsEntry("cpu_ratio_server_to_relay", 5.0);
        assertThat(server.extra()).containsEntry("relay_ack_p50_ms", 0.2);
        assertThat(md).as("the comparison row: p99s, their ratio, both median acks, losses, CPU")
                .contains("| 500/s | 50 | 20 | ×2.50 | 2.10 | 0.20 | 2 | 1 | 2 | 1 | 10 | 2 | ×5 |")
                .contains("| 500/s | 734998 | 3 | 4.08 | 6.10 | 80 | 7.60 |")
                .contains("| relay 500/s | 734998 | 2.50 | n/a | n/a | n/a | n/a |");
    }

    @Test
    void aReferenceThatSentNoAcksHasNoMedianAckToCompare() {
        StepResult relay = step("relay 500/s", 500, 20, 0);
        StepResult server = Reference.RELAY.compared(step("500/s", 500, 50, 2.1), relay);
        RunResult run = new RunResult("fanout", "http://127.0.0.1:8000", "ab12", "2026-11-02T10:00:00Z", 60, true,
                Map.of(), List.of(relay, server), Map.of(), Map.of(), 0, List.of());

        assertThat(server.extra()).doesNotContainKey("relay_ack_p50_ms");
        assertThat(Report.markdown(run)).as("a relay without acks: its median ack is not a number")
                .contains("| 500/s | 50 | 20 | ×2.50 | 2.10 | n/a | 2 | 1 |");
    }

    /** A step in which every receipt arrived, once. */
    private static StepResult clean(String label, double rate, double p99) {
        StepResult s = step(label, rate, p99);
        return new StepResult(label, rate, s.durationSeconds(), s.offeredPerSecond(), s.scheduled(), s.sent(), 0,
                s.acked(), s.expectedDeliveries(), s.expectedDeliveries(), s.deliveredPerSecond(), s.ackedPerSecond(),
                0, 0, 0, 0, 0, s.maxScheduleLagMs(), s.latency(), s.ackLatency(), List.of(), Map.of());
    }

    /** Relay and server alternating, as fanout --relay runs them: {rate, relay p99, server p99} per step. */
    private static List<StepResult> againstTheRelay(double[]... steps) {
        List<StepResult> run = new ArrayList<>();
        for (double[] step : steps) {
            StepResult relay = clean("relay " + (int) step[0] + "/s", step[0], step[1]);
            run.add(relay);
            run.add(Reference.RELAY.compared(clean((int) step[0] + "/s", step[0], step[2]), relay));
        }
        return run;
    }

    @Test
    void aRunAgainstTheRelaySaysHowFarEachStayedWithin100MsAndTheWorstRatioBeforeTheRelayStopped() {
        // the server's 3,000 step is back under 100 ms, but after its 2,000 step was over: it does not count
        List<StepResult> steps = againstTheRelay(new double[] {250, 2, 10}, new double[] {1000, 3, 60},
                new double[] {2000, 50, 150}, new double[] {3000, 200, 90});
        RunResult run = new RunResult("fanout", "http://127.0.0.1:8000", "ab12", "2026-11-02T10:00:00Z", 60, true,
                Map.of(), steps, Reference.RELAY.measurements(Reference.RELAY.knee(steps)), Map.of(), 0,
                List.of());

        assertThat(run.measurements()).containsEntry("server_highest_rate_within_100ms", 1000.0)
                .containsEntry("relay_highest_rate_within_100ms", 2000.0)
                .containsEntry("highest_rate_ratio_server_to_relay", 0.5)
                .containsEntry("worst_p99_ratio_below_relay_limit", 20.0)
                .containsEntry("worst_p99_ratio_step", "1000/s");
        assertThat(Report.markdown(run))
                .contains("server up to 1000/s, relay up to 2000/s, 50 % of the relay's rate")
                .contains("Worst p99 ratio before the relay's first step over the limit: ×20 at 1000/s.");
    }

    @Test
    void warmUpStepsCountForNeitherSideOfTheVerdict() {
        // fanout --warmup-seconds: each side's first rate once, unmeasured, right after start; both over 100 ms here
        List<StepResult> steps = new ArrayList<>(List.of(clean("relay 250/s warm-up", 250, 140),
                clean("250/s warm-up", 250, 900)));
        steps.addAll(againstTheRelay(new double[] {250, 2, 10}, new double[] {1000, 3, 60}));
        RunResult run = new RunResult("fanout", "http://127.0.0.1:8000", "ab12", "2026-11-02T10:00:00Z", 60, true,
                Map.of(), steps, Map.of(), Map.of(), 0, List.of());

        Reference.Knee knee = Reference.RELAY.knee(steps);

        assertThat(knee.target()).as("the server's highest rate within 100 ms, its warm-up left out").isEqualTo(1000);
        assertThat(knee.reference()).as("the relay's highest rate within 100 ms, its warm-up left out").isEqualTo(1000);
        assertThat(knee.worstRatio()).isEqualTo(20.0);
        assertThat(Report.markdown(run)).as("the warm-up is reported, not compared")
                .contains("| 250/s warm-up | ").doesNotContain("| 250/s warm-up | 900 | 140 |")
                .contains("server up to 1000/s, relay up to 1000/s, 100 % of the relay's rate");
    }

    @Test
    void aStepThatLostADeliveryIsNotWithinTheLimitWhateverItsP99() {
        StepResult relay = clean("relay 250/s", 250, 2);
        StepResult lossy = step("250/s", 250, 10);
        List<StepResult> steps = List.of(relay, Reference.RELAY.compared(lossy, relay));

        Reference.Knee knee = Reference.RELAY.knee(steps);

        assertThat(lossy.lost()).isPositive();
        assertThat(knee.target()).as("the server's highest rate within 100 ms").isZero();
        assertThat(knee.reference()).isEqualTo(250);
        assertThat(knee.rateRatio()).isZero();
    }

    @Test
    void aRunWithoutLatenciesStillGetsAPage() {
        RunResult empty = new RunResult("connections", "http://x", "t", "2026-11-02T10:00:00Z", 1, null, Map.of(),
                List.of(), Map.of("connections_open", 5), Map.of(), 0, List.of());

        assertThat(Report.html(empty)).contains("No latencies measured").contains("connections_open: 5");
    }
}
