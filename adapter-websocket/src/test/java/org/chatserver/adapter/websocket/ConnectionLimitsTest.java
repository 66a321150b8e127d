package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One misbehaving connection must not hurt the room: huge frames, floods, clients that stop
 * reading or vanish. The test server runs with a 256KB / 600-frame outbound queue, a 3 s send
 * timeout, 1 s pings and a 4 s idle timeout (see {@link WebSocketTestSupport}).
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionLimitsTest extends WebSocketTestSupport {

    @Test
    void aFrameOverTheLimitClosesWith1009WhileOneBelowIsAccepted() {
        User alice = user("alice");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room)) {
            // well over the container's own 8KB default, within our 64KB
            a.send("{\"type\":\"message\",\"content\":\"fits\",\"padding\":\"" + "x".repeat(60 * 1024) + "\"}");
            assertThat(a.next()).containsEntry("type", "ack");

            a.send("{\"type\":\"message\",\"content\":\"" + "x".repeat(70 * 1024) + "\"}");

            assertThat(a.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void aFloodGetsErrorsThenA1008Close() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            for (int i = 0; i < 200 && a.isOpen(); i++) {
                try {
                    a.send("{\"type\":\"typing\"}");
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }

            assertThat(a.until("error").getLast()).containsEntry("message", "Too many messages: slow down");
            assertThat(a.closeCode()).isEqualTo(1008);
            // the room went on: bob was relayed only the admitted burst, and still hears others
            assertThat(b.isOpen()).isTrue();
        }
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedWhileTheOthersKeepReceiving() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        User stuck = user("stuck");
        Room room = room(alice);
        String bulky = "x".repeat(4000);
        int total = 1500;
        try (ChatClient b = connect(bob, room);
             RawClient neverReads = RawClient.open(port, path(Long.toString(room.id().value()), stuck.token()), 2048)) {
            b.next("user_joined");

            // a busy room at the pace a healthy client reads; the stuck one falls further behind
            long slowestPost = 0;
            boolean stuckLeft = false;
            for (int batch = 0; batch < total / 20; batch++) {
                List<MessageId> sent = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    long started = System.nanoTime();
                    sent.add(post(alice, room, bulky));
                    slowestPost = Math.max(slowestPost, System.nanoTime() - started);
                }
                for (MessageId id : sent) {
                    Map<String, Object> frame;
                    while (!"message".equals((frame = b.next()).get("type"))) {
                        stuckLeft |= "user_left".equals(frame.get("type")) && stuck.name().equals(frame.get("sender"));
                    }
                    assertThat(frame).containsEntry("message_id", (int) id.value());
                }
            }
            if (!stuckLeft) {
                assertThat(b.next("user_left")).containsEntry("sender", stuck.name());
            }
            assertThat(Duration.ofNanos(slowestPost)).as("posting never waits for a slow reader")
                    .isLessThan(Duration.ofSeconds(1));

            RawClient.DrainResult drained = neverReads.drainToClose();
            assertThat(drained.textFrames()).isLessThan(total);
            assertThat(drained.closeCode()).isIn(1008, -1);
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeoutWhileAnsweringOnesStay() throws Exception {
        User alice = user("alice");
        User ghost = user("ghost");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room);
             RawClient silent = RawClient.open(port, path(Long.toString(room.id().value()), ghost.token()), 65536)) {
            long started = System.nanoTime();
            int pings = 0;
            RawClient.Frame frame;
            while ((frame = silent.read()) != null && frame.opcode() != 0x8) {
                if (frame.opcode() == 0x9) {
                    pings++;
                }
            }
            Duration lasted = Duration.ofNanos(System.nanoTime() - started);

            assertThat(frame).isNotNull();
            assertThat(((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff)).isEqualTo(1001);
            assertThat(pings).isPositive();
            assertThat(lasted).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(9));
            // the JDK client answers pings itself: it outlived the silent one
            assertThat(a.isOpen()).isTrue();
            assertThat(a.next("user_left")).containsEntry("sender", ghost.name());
        }
    }

    @Test
    void accessTokensNeverReachTheLogs(CapturedOutput output) {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        List<String> loggers = List.of("org.springframework.web", "org.chatserver", "org.apache.tomcat.websocket");
        loggers.forEach(l -> logging.setLogLevel(l, LogLevel.TRACE));
        User alice = user("alice");
        Room room = room(alice);
        try {
            try (ChatClient a = ChatClient.connect(uri(Long.toString(room.id().value()), alice.token()))) {
                a.next("connected");
                a.send("{\"type\":\"message\",\"content\":\"hi\"}");
                a.next("ack");
            }
            ChatClient.refusal(uri("no-such-room", alice.token()), null);
            ChatClient.refusal(uri(Long.toString(room.id().value()), "forged-token-123"), null);
            try (ChatClient viaHeader = ChatClient.connect(uri(room.name().value(), null), alice.token())) {
                viaHeader.next("connected");
            }
        } finally {
            loggers.forEach(l -> logging.setLogLevel(l, null));
        }

        assertThat(output.getOut()).as("the handshakes were logged at all").contains("/ws/chat/");
        assertThat(output.getAll()).doesNotContain(alice.token()).doesNotContain("forged-token-123");
    }

    @Test
    void aSinceThatIsNoMessageIdIsRefused() {
        User alice = user("alice");
        Room room = room(alice);
        assertThat(ChatClient.refusal(java.net.URI.create(uri(Long.toString(room.id().value()), alice.token())
                + "&since=yesterday"), null)).isEqualTo(400);
    }

}
