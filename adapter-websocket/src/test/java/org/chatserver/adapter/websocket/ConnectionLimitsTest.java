package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
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
 * reading or vanish, a user with too many connections, a crowd joining. The test server runs with
 * a 256KB / 600-frame outbound queue, a 3 s send timeout, 1 s pings, a 4 s idle timeout, 3
 * connections per user and a presence limit of 8 (see {@link WebSocketTestSupport}).
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionLimitsTest extends WebSocketTestSupport {

    /**
     * The two documented ends for a client that stopped reading (websocket.md, close codes): when its
     * outbound queue fills while the socket still takes bytes, the close frame 1008 "Too slow to read"
     * gets through; when the socket's buffers are full too, no close frame can, and after
     * {@code send-timeout} the server drops the TCP connection (the stream ends without one: -1 here,
     * 1006 to a WebSocket library). Which one happens depends on how far the kernel's buffers filled.
     */
    private static final int TOO_SLOW = 1008;
    private static final int DROPPED = -1;

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
        User carol = user("carol");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            a.next("user_joined");
            // all at one instant: the burst of 40 is admitted, 40 more are refused, the next closes
            ticker.freeze();
            try {
                for (int i = 0; i < 200 && a.isOpen(); i++) {
                    try {
                        a.send("{\"type\":\"typing\",\"ref\":" + i + "}");
                    } catch (RuntimeException closedMeanwhile) {
                        break;
                    }
                }
                assertThat(a.closeStatus()).isEqualTo("1008 Too many frames");
            } finally {
                ticker.thaw();
            }

            List<Map<String, Object>> answers = a.received();
            assertThat(answers).hasSize(40).allSatisfy(frame -> assertThat(frame)
                    .containsEntry("type", "error").containsEntry("message", "Too many messages: slow down"));
            assertThat(answers).extracting(f -> f.get("ref")).containsExactlyElementsOf(IntStream.range(40, 80).boxed().toList());
            // the room went on: bob was relayed the admitted burst only, and still hears others
            List<Map<String, Object>> heard = b.until("user_left");
            assertThat(heard.subList(0, heard.size() - 1)).hasSize(40)
                    .allSatisfy(f -> assertThat(f).containsEntry("type", "typing"));
            MessageId later = post(carol, room, "after the flood");
            assertThat(b.next()).containsEntry("type", "message").containsEntry("message_id", (int) later.value());
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
            // (that posting never waits for it is OutboundQueueTest's to prove)
            boolean stuckLeft = false;
            for (int batch = 0; batch < total / 20; batch++) {
                List<MessageId> sent = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    sent.add(post(alice, room, bulky));
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

            RawClient.DrainResult drained = neverReads.drainToClose();
            assertThat(drained.textFrames()).isLessThan(total);
            assertThat(drained.closeCode()).isIn(TOO_SLOW, DROPPED);
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeoutWhileAnsweringOnesStay() throws Exception {
        User alice = user("alice");
        User ghost = user("ghost");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room);
             RawClient silent = RawClient.open(port, path(Long.toString(room.id().value()), ghost.token()), 65536)) {
            int pings = 0;
            RawClient.Frame frame;
            while ((frame = silent.read()) != null && frame.opcode() != 0x8) {
                if (frame.opcode() == 0x9) {
                    pings++;
                }
            }

            // when exactly is ConnectionTest's to prove, on a clock it steps by hand
            assertThat(frame).isNotNull();
            assertThat(((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff)).isEqualTo(1001);
            assertThat(new String(frame.payload(), 2, frame.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("Idle timeout");
            assertThat(pings).isPositive();
            // the JDK client answers pings itself: it outlived the silent one
            assertThat(a.next("user_left")).containsEntry("sender", ghost.name());
            assertThat(a.isOpen()).isTrue();
        }
    }

    @Test
    void aUserHoldsAtMostTheConfiguredNumberOfConnectionsPerNode() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(bob);
        try (ChatClient b = connect(bob, room)) {
            List<ChatClient> devices = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                devices.add(connect(alice, room));
            }
            try (ChatClient fourth = ChatClient.connect(uri(Long.toString(room.id().value()), alice.token()))) {
                assertThat(fourth.next()).isEqualTo(Map.of("type", "error",
                        "message", "Too many connections: at most 3 per user"));
                assertThat(fourth.closeStatus()).isEqualTo("1008 Too many connections");
            }

            // a slot is free again once the room hears that one of them left
            devices.removeFirst().close();
            assertThat(b.until("user_left")).extracting(f -> f.get("type"))
                    .containsExactly("user_joined", "user_joined", "user_joined", "user_left");
            try (ChatClient again = connect(alice, room)) {
                assertThat(b.next("user_joined")).containsEntry("sender", alice.name());
            }
            devices.forEach(ChatClient::close);
        }
    }

    @Test
    void joiningACrowdedRoomCostsNoNoticesBeyondThePresenceLimit() {
        int limit = 8;
        int crowd = 30;
        User owner = user("owner");
        Room room = room(owner);
        List<ChatClient> members = new ArrayList<>();
        try {
            for (int i = 0; i < crowd; i++) {
                members.add(connect(user("member"), room));
            }
            // after every join: each member has been sent the notices of the joins before this
            MessageId marker = post(owner, room, "everyone is in");

            long notices = 0;
            for (ChatClient member : members) {
                List<Map<String, Object>> seen = member.until("message");
                assertThat(seen.getLast()).containsEntry("message_id", (int) marker.value());
                notices += seen.stream().filter(f -> "user_joined".equals(f.get("type"))).count();
            }
            // the k-th of the first 8 is announced to the k-1 before it; later joins to nobody,
            // where every join used to be announced to everyone already in: 435 notices for 30
            assertThat(notices).isEqualTo(limit * (limit - 1) / 2);
        } finally {
            members.forEach(ChatClient::close);
        }
    }

    @Test
    void framesAreCountedWhenTheyArriveNotWhenAStalledDatabaseLetsThemThrough() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        // more than the burst of 40, at 14 a second: well within the rate of 20
        int typing = 45;
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            a.next("user_joined");
            try (GatedMessageRepository.Stall stall = messageStore.stallAppends()) {
                a.send(Map.of("type", "message", "content", "first", "client_id", "c-0"));
                stall.awaitAppend();
                // while the first post waits for the database; each frame reaches the server before the next
                for (int i = 1; i <= typing; i++) {
                    ticker.step(Duration.ofMillis(70));
                    a.send(Map.of("type", "typing"));
                    awaitFramesWaiting(alice, i);
                }
                ticker.step(Duration.ofMillis(70));
                a.send(Map.of("type", "message", "content", "last", "client_id", "c-1"));
                awaitFramesWaiting(alice, typing + 1);
            }

            assertThat(a.next()).containsEntry("type", "ack").containsEntry("client_id", "c-0");
            assertThat(a.next()).containsEntry("type", "ack").containsEntry("client_id", "c-1");
            List<Map<String, Object>> heard = b.until("message");
            assertThat(heard.getLast()).containsEntry("message", "first");
            heard = b.until("message");
            assertThat(heard.getLast()).containsEntry("message", "last");
            assertThat(heard.subList(0, heard.size() - 1)).hasSize(typing)
                    .allSatisfy(f -> assertThat(f).containsEntry("type", "typing"));
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
        // nineteen digits past the largest id, with or without a token: refused, not a server error
        for (String token : new String[] {alice.token(), null}) {
            for (String since : new String[] {"9223372036854775808", "c9223372036854775808"}) {
                assertThat(ChatClient.refusal(java.net.URI.create(uri(Long.toString(room.id().value()), token)
                        + (token == null ? "?" : "&") + "since=" + since), null)).as("since=" + since + (token == null ? " without a token" : ""))
                        .isEqualTo(400);
            }
        }
        assertThat(ChatClient.refusal(userUri(alice.token(), room.id().value() + ":9223372036854775808"), null))
                .as("a user stream's since past the largest id").isEqualTo(400);
    }

    /** The room's id in Arabic-Indic digits names no room (refused as any room that is not there), not that room. */
    @Test
    void aRoomIdInDigitsOfAnotherScriptIsNoRoom() {
        User alice = user("alice");
        Room room = room(alice);
        StringBuilder arabicIndic = new StringBuilder();
        Long.toString(room.id().value()).chars().forEach(digit -> arabicIndic.append((char) (0x0660 + digit - '0')));
        assertThat(ChatClient.refusal(uri(arabicIndic.toString(), alice.token()), null)).as("room " + arabicIndic)
                .isEqualTo(403);
    }

}
