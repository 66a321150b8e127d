package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code write-ceiling} against our real server, started in this JVM on SQLite with the frame limit raised
 * (as docs/benchmark.md asks), posting over the WebSocket and over REST: every acked post is stored, reaches
 * the observer once and in one gap-free order of message ids. Counts only, never timings.
 */
class WriteCeilingAgainstOurServerTest {

    @RegisterExtension
    static final OurServerInThisJvm server = OurServerInThisJvm.with("--chat.websocket.frames-per-second=100000",
            // the tests of this class sign up more users than one address may by default
            "--chat.auth.signup-free-attempts=1000",
            "--chat.websocket.frame-burst=100000",
            // over REST the senders post as fast as they are answered: the benchmark's raised per-user limits
            "--chat.limits.rest-posts-per-second=100000", "--chat.limits.rest-post-burst=100000");

    @ParameterizedTest
    @ValueSource(strings = {"rest", "ws"})
    void everyAckedPostIsStoredAndObservedOnceInOneGapFreeOrder(String via) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int senders = 5;
        RunResult run = server.run(console, "write-ceiling", "--post-via=" + via, "--senders=" + senders,
                "--seconds=2", "--verify-stored", "--grace=10");

        assertThat(run.steps()).as(console.toString()).hasSize(1);
        StepResult step = run.steps().get(0);
        assertThat(run.acksSupported()).isTrue();
        assertThat(run.errorsByKind()).as(console.toString()).isEmpty();
        assertThat(step.acked()).as(console.toString()).isPositive().isEqualTo(step.sent());
        // over REST only the observer is connected; over the WebSocket the other senders receive each post too
        int receivers = via.equals("rest") ? 1 : senders;
        assertThat(step.expectedDeliveries()).isEqualTo(step.sent() * receivers);
        assertThat(step.delivered()).isEqualTo(step.expectedDeliveries());
        assertThat(step.lost()).isZero();
        assertThat(step.duplicates()).isZero();
        assertThat(step.misdirected()).isZero();
        assertThat(run.measurements())
                .containsEntry("post_via", via)
                .containsEntry("stored_messages", step.acked())
                .containsEntry("stored_equals_acked", true)
                .containsEntry("observed_messages", step.acked())
                .containsEntry("order_violations", 0L)
                .containsEntry("acked_not_observed", 0L)
                .containsEntry("observed_not_acked", 0L)
                .containsEntry("one_gap_free_order", true);
    }

    @Test
    void withTheRelayTheSameLoopRunsAgainstItFirstAndTheReportGivesBothRatesAndTheirRatio() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult run = server.run(console, "write-ceiling", "--senders=4", "--seconds=1.5", "--relay=auto",
                "--relay-threads=1", "--relay-java-options=-Xmx64m -XX:+UseSerialGC", "--grace=10");

        assertThat(run.steps()).as(console.toString()).extracting(StepResult::label)
                .containsExactly("relay closed loop x4", "closed loop x4");
        for (StepResult step : run.steps()) {
            assertThat(step.acked()).as(step.label()).isPositive().isEqualTo(step.sent());
            assertThat(step.delivered()).as(step.label()).isEqualTo(step.sent() * 4);
            assertThat(step.lost()).as(step.label()).isZero();
            assertThat(step.duplicates()).as(step.label()).isZero();
        }
        double ours = run.steps().get(1).ackedPerSecond();
        double relays = run.steps().get(0).ackedPerSecond();
        assertThat(run.measurements())
                .containsEntry("one_gap_free_order", true)
                .containsEntry("relay_one_gap_free_order", true)
                .containsEntry("relay_acked_per_second", relays)
                .containsEntry("acked_ratio_server_to_relay", Math.round(ours / relays * 100) / 100.0);
        assertThat(Report.markdown(run)).contains("acked_ratio_server_to_relay");
    }

    @Test
    void aWarmUpLoopRunsFirstOnBothSidesAndItsPostsAreStoredAndHeldToTheSameOrder() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult run = server.run(console, "write-ceiling", "--senders=3", "--warmup-seconds=1", "--seconds=1",
                "--relay=auto", "--relay-threads=1", "--relay-java-options=-Xmx64m -XX:+UseSerialGC",
                "--verify-stored", "--grace=10");

        assertThat(run.steps()).as(console.toString()).extracting(StepResult::label)
                .containsExactly("relay closed loop x3 warm-up", "relay closed loop x3",
                        "closed loop x3 warm-up", "closed loop x3");
        for (StepResult step : run.steps()) {
            assertThat(step.acked()).as(step.label()).isPositive().isEqualTo(step.sent());
            assertThat(step.lost()).as(step.label()).isZero();
            assertThat(step.duplicates()).as(step.label()).isZero();
        }
        StepResult warm = run.steps().get(2);
        StepResult measured = run.steps().get(3);
        assertThat(run.measurements())
                // the rate reported is the measured loop's; the warm-up's is beside it
                .containsEntry("acked_per_second", measured.ackedPerSecond())
                .containsEntry("warmup_acked_per_second", warm.ackedPerSecond())
                // every post of both loops is in the room, and the observer saw all of them in one order
                .containsEntry("stored_messages", warm.acked() + measured.acked())
                .containsEntry("stored_equals_acked", true)
                .containsEntry("observed_messages", warm.acked() + measured.acked())
                .containsEntry("one_gap_free_order", true)
                .containsEntry("relay_one_gap_free_order", true);
    }

    @Test
    void theRelayIsRefusedForPostsOverRestWhichItDoesNotTake() {
        assertThatThrownBy(() -> server.run(new ByteArrayOutputStream(), "write-ceiling", "--post-via=rest",
                "--relay=auto"))
                .isInstanceOf(Options.UsageException.class).hasMessageContaining("--post-via=rest");
    }
}
