package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The user-stream scenario, tiny, against our real server in this JVM: over /ws/user and then over
 * the room endpoint, every message reaches every other member of its room exactly once (under its
 * room_id on the stream) and is acknowledged. Counts only, never timings.
 */
class UserStreamAgainstOurServerTest {

    @RegisterExtension
    static final OurServerInThisJvm server = OurServerInThisJvm.with();

    @Test
    void bothEndpointsDeliverEveryMessageToEveryOtherMemberOnce() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        RunResult run = server.run(console, "user-stream", "--users=12", "--rooms=4", "--rooms-per-user=2",
                "--rates=20", "--step-seconds=2", "--compare-rooms", "--grace=10");

        assertThat(run.steps()).as(console.toString()).extracting(StepResult::label)
                .containsExactly("user-stream 20/s", "rooms 20/s");
        for (StepResult step : run.steps()) {
            // 12 users in 2 of 4 rooms: 6 members a room, 5 receipts a message
            assertThat(step.sent()).as(step.label() + "\n" + console).isEqualTo(40);
            assertThat(step.acked()).as(step.label()).isEqualTo(step.sent());
            assertThat(step.expectedDeliveries()).as(step.label()).isEqualTo(step.sent() * 5);
            assertThat(step.delivered()).as(step.label()).isEqualTo(step.expectedDeliveries());
            assertThat(step.lost()).as(step.label()).isZero();
            assertThat(step.duplicates()).as(step.label()).isZero();
            assertThat(step.misdirected()).as(step.label()).isZero();
            assertThat(step.errors()).as(run.errorsByKind().toString()).isZero();
        }
        assertThat(run.measurements()).containsEntry("user_stream_connections", 12)
                .containsEntry("rooms_connections", 24).containsEntry("members_per_room", "6");
    }
}
