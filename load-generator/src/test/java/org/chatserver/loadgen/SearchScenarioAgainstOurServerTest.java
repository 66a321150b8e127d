package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The search scenario, tiny, against our real server on SQLite: the corpus is stored, every query kind
 * is answered at each concurrency, and the words the corpus carries are found. Counts only, never timings.
 */
class SearchScenarioAgainstOurServerTest {

    @RegisterExtension
    static final OurServerInThisJvm server = OurServerInThisJvm.with("--chat.websocket.frames-per-second=100000",
            "--chat.websocket.frame-burst=100000",
            // one user creates every room of the corpus: the benchmark's raised per-user limit
            "--chat.limits.rooms-per-hour=100000", "--chat.limits.room-burst=100000");

    @Test
    void seedsTheCorpusAndAnswersEveryKindOfQuery() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult run = server.run(console, "search", "--corpus=400", "--rooms=2", "--samples=12",
                "--concurrency=1,2", "--write-seconds=1", "--write-senders=2",
                // the server runs in this JVM: its CPU is the tool's too, but each step must say what it measured
                "--server-pid=" + ProcessHandle.current().pid());

        assertThat(run.measurements()).as(console.toString()).containsEntry("seeded_messages", 400L)
                .containsEntry("seed_errors", 0L);
        // 4 kinds at 2 concurrencies, then the posting loop
        assertThat(run.steps()).hasSize(9);
        for (StepResult step : run.steps().subList(0, 8)) {
            assertThat(step.errors()).as(step.label()).isZero();
            assertThat(step.latency().count()).as(step.label()).isEqualTo(12);
            assertThat(step.extra()).as(step.label() + ": where a search's CPU went")
                    .containsKeys("machine_cpu_ms_per_search", "server_cpu_ms_per_search", "tool_cpu_ms_per_search");
            assertThat((Double) step.extra().get("server_cpu_ms_per_search")).as(step.label()).isPositive();
        }
        assertThat(run.steps().get(0).label()).isEqualTo("common x1");
        assertThat(Double.parseDouble((String) run.steps().get(0).extra().get("mean_results"))).as("common words")
                .isPositive();
        assertThat(Double.parseDouble((String) run.steps().get(2).extra().get("mean_results"))).as("CJK words")
                .isPositive();
        assertThat(run.steps().get(8).acked()).isPositive();
        assertThat(run.errorsByKind()).isEmpty();
    }
}
