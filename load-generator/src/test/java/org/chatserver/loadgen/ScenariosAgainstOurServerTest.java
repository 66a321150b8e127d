package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenarios against our real server, started in this JVM on SQLite. Smoke: every message must reach every
 * other member exactly once and be acknowledged. Images: the hostile files are refused from their
 * headers while the chat beside them loses nothing, and the chat is compared only after its warm-up.
 * Fanout spread over "two nodes" that are this server under two names. Counts and labels only, never timings.
 */
class ScenariosAgainstOurServerTest {

    @RegisterExtension
    // every scenario signs its own users up from this one address: more than the 20 a real address may
    static final OurServerInThisJvm server = OurServerInThisJvm.with("--chat.auth.signup-free-attempts=100");

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

    @Test
    void hostileUploadsAreRefusedAndTheChatIsComparedAfterItsWarmUp() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult run = server.run(console, "images", "--images=issue", "--uploaders=1", "--rooms=1",
                "--members=3", "--rate=20", "--warmup-seconds=1", "--seconds=2", "--grace=10");

        assertThat(run.steps()).as(console.toString()).extracting(StepResult::label)
                .containsExactly("20/s warm-up (not compared)", "20/s without uploads", "20/s with 1 hostile uploaders");
        for (StepResult step : run.steps()) {
            assertThat(step.lost()).as("messages lost in step '%s'", step.label()).isZero();
            assertThat(step.duplicates()).as("duplicates in step '%s'", step.label()).isZero();
        }
        // the ratio compares the step after the warm-up with the step beside the uploads
        assertThat(run.measurements().get("message_p99_ms_without_uploads"))
                .isEqualTo(run.steps().get(1).latency().p99Ms());
        assertThat(run.measurements().get("message_p99_ms_with_uploads"))
                .isEqualTo(run.steps().get(2).latency().p99Ms());
        @SuppressWarnings("unchecked")
        Map<String, Long> answers = (Map<String, Long>) run.measurements().get("upload_answers");
        assertThat(answers).as("every hostile file is refused as a bad request, none decoded").isNotEmpty()
                .allSatisfy((fileAndStatus, count) -> assertThat(fileAndStatus).endsWith(" 400"));
    }

    /** A fan-out step in rooms of four: every message acked and received by the three other members, once. */
    private static void assertEveryMessageReachedTheOtherThreeOnce(StepResult step) {
        assertThat(step.sent()).as(step.label()).isPositive();
        assertThat(step.acked()).as(step.label()).isEqualTo(step.sent());
        assertThat(step.delivered()).as(step.label()).isEqualTo(step.sent() * 3);
        assertThat(step.lost()).as(step.label()).isZero();
        assertThat(step.duplicates()).as(step.label()).isZero();
        assertThat(step.errors()).as(step.label()).isZero();
    }

    /**
     * {@code fanout --warmup-seconds}: the first rate runs once before the steps, unmeasured, on the same rooms
     * and connections; it must deliver every message once like any step, and its posts are stored and counted.
     */
    @Test
    void aFanoutWarmUpDeliversLikeAStepAndItsPostsAreCountedAsStored() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult run = server.run(console, "fanout", "--warmup-seconds=1", "--verify-stored", "--rooms=2",
                "--members=4", "--rates=40", "--step-seconds=1", "--grace=10");

        assertThat(run.steps()).as(console.toString()).extracting(StepResult::label)
                .containsExactly("40/s warm-up", "40/s");
        run.steps().forEach(ScenariosAgainstOurServerTest::assertEveryMessageReachedTheOtherThreeOnce);
        assertThat(run.measurements()).containsEntry("stored_equals_acked", true)
                .containsEntry("acked_messages", run.steps().get(0).sent() + run.steps().get(1).sent());
    }

    /**
     * {@code fanout --compare-one-node} with this one server given as two nodes (so they share everything):
     * the steps on the first node alone and the steps spread over "both" must each deliver every message to
     * every other member once, and store each once.
     */
    @Test
    void theOneNodeStepsAndTheSpreadStepsEachDeliverAndStoreEveryMessageOnce() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult run = server.runAsTwoNodes(console, "fanout", "--compare-one-node", "--verify-stored", "--rooms=2",
                "--members=4", "--rates=40", "--step-seconds=1", "--grace=10");

        assertThat(run.steps()).as(console.toString()).extracting(StepResult::label)
                .containsExactly("one node 40/s", "40/s");
        run.steps().forEach(ScenariosAgainstOurServerTest::assertEveryMessageReachedTheOtherThreeOnce);
        assertThat(run.measurements()).containsEntry("stored_equals_acked", true)
                .containsEntry("acked_messages", run.steps().get(1).sent());
    }
}
