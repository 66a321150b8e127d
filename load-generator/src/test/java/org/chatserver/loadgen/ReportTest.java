package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
        LatencySummary latency = new LatencySummary(100, 1.5, 2, p99, p99 * 2, p99 * 3, 1.7);
        return new StepResult(label, rate, 30, rate, (long) rate * 30, (long) rate * 30, 0, (long) rate * 30,
                (long) rate * 30 * 49, (long) rate * 30 * 49 - 2, rate * 49, rate, 2, 1, 0, 0, 3, 0.4, latency,
                latency, Map.of());
    }

    private static RunResult run() {
        return new RunResult("fanout", "http://127.0.0.1:8000", "ab12", "2026-11-02T10:00:00Z", 190.5, false,
                Map.of("rooms", "20"), List.of(step("250/s", 250, 4), step("500/s", 500, 40)),
                Map.of("stored_messages", 22_500), Map.of("error frame: slow down", 3L), 0,
                List.of("the server sends no acks"));
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
        StepResult relay = step("relay 500/s", 500, 20).with("tool_cpu_seconds", 2.5)
                .with("server_cpu_seconds_per_million_receipts", 2.0);
        StepResult server = Reference.RELAY.compared(step("500/s", 500, 50)
                        .with("server_cpu_seconds_per_million_receipts", 10.0), relay)
                .with("tool_cpu_seconds", 3.0).with("tool_cpu_seconds_per_million_receipts", 4.08)
                .with("tool_cpu_percent_of_machine", 6.1).with("machine_busy_percent", 80.0)
                .with("tool_percent_of_busy", 7.6);
        RunResult run = new RunResult("fanout", "http://127.0.0.1:8000", "ab12", "2026-11-02T10:00:00Z", 60, true,
                Map.of(), List.of(relay, server), Map.of(), Map.of(), 0, List.of());

        String md = Report.markdown(run);

        assertThat(server.extra()).containsEntry("p99_ratio_server_to_relay", 2.5)
                .containsEntry("cpu_ratio_server_to_relay", 5.0);
        assertThat(md).contains("| 500/s | 50 | 20 | ×2.50 | 2 | 1 | 2 | 1 | 10 | 2 | ×5 |")
                .contains("| 500/s | 734998 | 3 | 4.08 | 6.10 | 80 | 7.60 |")
                .contains("| relay 500/s | 734998 | 2.50 | n/a | n/a | n/a | n/a |");
    }

    @Test
    void aRunWithoutLatenciesStillGetsAPage() {
        RunResult empty = new RunResult("connections", "http://x", "t", "2026-11-02T10:00:00Z", 1, null, Map.of(),
                List.of(), Map.of("connections_open", 5), Map.of(), 0, List.of());

        assertThat(Report.html(empty)).contains("No latencies measured").contains("connections_open: 5");
    }
}
