package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chatserver.domain.Room;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * While the database cannot be reached, every post is answered at once with an error frame that
 * names it (its {@code client_id}, and its {@code ref}) and says the database is unavailable, so the
 * client knows what to send again; the log gets one warning for the outage, without a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTest extends WebSocketTestSupport {

    private static final String UNAVAILABLE = "The database is unavailable; try again shortly";

    @Test
    void everyPostIsAnsweredWithAnErrorNamingItAndTheLogTellsOnce(CapturedOutput output) {
        // a fresh minute for the log's throttle, whatever failed before in this server
        ticker.step(Duration.ofMinutes(2));
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            a.next("user_joined");
            messageStore.failAppends(true);
            try {
                for (int i = 1; i <= 5; i++) {
                    a.send(Map.of("type", "message", "content", "lost " + i, "client_id", "c-" + i, "ref", i));
                    assertThat(a.next()).isEqualTo(Map.of("type", "error", "message", UNAVAILABLE,
                            "client_id", "c-" + i, "ref", i));
                }
            } finally {
                messageStore.failAppends(false);
            }

            a.send(Map.of("type", "message", "content", "back again", "client_id", "c-1"));
            assertThat(a.next()).containsEntry("type", "ack").containsEntry("client_id", "c-1");
            assertThat(b.next("message")).containsEntry("message", "back again");
        }
        // an outage is no bug: one warning, as REST's 503s are logged, without a stack trace
        assertThat(output.getAll()).containsOnlyOnce("a frame failed")
                .containsPattern("WARN .*a frame failed").doesNotContain("at " + GatedMessageRepository.class.getName() + ".append(");
    }

    @Test
    void postsWaitingBehindOneThatFailedFailAtOnceWithoutTryingTheDatabaseAgain() throws Exception {
        User alice = user("alice");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room)) {
            try (GatedMessageRepository.Stall stall = messageStore.stallAppends()) {
                a.send(Map.of("type", "message", "content", "first", "client_id", "c-1"));
                stall.awaitAppend();
                for (int i = 2; i <= 5; i++) {
                    a.send(Map.of("type", "message", "content", "queued " + i, "client_id", "c-" + i));
                }
                awaitFramesWaiting(alice, 4);
                messageStore.failAppends(true);
                long appendsBefore = messageStore.appendAttempts();
                stall.release();

                List<Object> failed = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    Map<String, Object> frame = a.next();
                    assertThat(frame).containsEntry("type", "error").containsEntry("message", UNAVAILABLE);
                    failed.add(frame.get("client_id"));
                }
                assertThat(failed).containsExactly("c-1", "c-2", "c-3", "c-4", "c-5");
                assertThat(messageStore.appendAttempts() - appendsBefore).as("appends tried: the stalled one only")
                        .isOne();
            } finally {
                messageStore.failAppends(false);
            }
            // the queue ran empty: the next post tries the database again
            a.send(Map.of("type", "message", "content", "again", "client_id", "c-6"));
            assertThat(a.next()).containsEntry("type", "ack").containsEntry("client_id", "c-6");
        }
    }

    @Test
    void aConnectionWhoseRoomCannotBeReadForAnOutageIsToldToComeBackLater(CapturedOutput output) {
        ticker.step(Duration.ofMinutes(2));
        User alice = user("alice");
        Room room = room(alice);
        messageStore.failReads(true);
        try (ChatClient refused = ChatClient.connect(uri(Long.toString(room.id().value()), alice.token()))) {
            refused.next("connected"); // the room endpoint greets before it reads the room
            assertThat(refused.next()).isEqualTo(Map.of("type", "error",
                    "message", "The database is unavailable; try again shortly"));
            assertThat(refused.closeStatus()).isEqualTo("1013 Try again later");
        } finally {
            messageStore.failReads(false);
        }
        try (ChatClient again = connect(alice, room)) {
            again.send(Map.of("type", "message", "content", "back", "client_id", "c-1"));
            assertThat(again.next()).containsEntry("type", "ack");
        }
        assertThat(output.getAll()).as("one warning, no stack trace, no error")
                .containsOnlyOnce("could not watch the room; closed it with 1013")
                .doesNotContain("at " + GatedMessageRepository.class.getName())
                .doesNotContain("could not watch the room: ");
    }
}
