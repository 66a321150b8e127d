package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The user stream's frames as the load generator reads and writes them, and how its receipts are counted. */
class UserStreamWireTest {

    private static final UserStreamConnection.Handler IGNORE = new UserStreamConnection.Handler() {
        @Override
        public void onFrame(UserStreamConnection connection, StreamFrame frame, long receivedNanos) {
        }

        @Override
        public void onLost(UserStreamConnection connection, String why) {
        }
    };

    @Test
    void roomFramesYieldTheirRoomIdBesideTheKeysTheToolReads() {
        StreamFrame message = StreamFrame.parse("{\"type\":\"message\",\"message_id\":17,\"room_id\":3,\"sender\":\"a\","
                + "\"message\":\"lg1:1:2:\",\"reactions\":[{\"reaction_type\":\"x\",\"users\":[\"a\"]}],\"cursor\":\"c9\"}");
        StreamFrame ack = StreamFrame.parse("{\"type\":\"ack\",\"room_id\":4,\"client_id\":\"lg-a-5\",\"message_id\":18}");

        assertThat(message).isEqualTo(new StreamFrame(new Frame("message", "lg1:1:2:", null, 17), 3));
        assertThat(ack).isEqualTo(new StreamFrame(new Frame("ack", null, "lg-a-5", 18), 4));
    }

    @Test
    void aFrameWithoutAnIntegerRoomIdHasNone() {
        assertThat(StreamFrame.parse("{\"type\":\"message\",\"message\":\"x\"}").roomId()).isEqualTo(-1);
        assertThat(StreamFrame.parse("{\"type\":\"message\",\"room_id\":\"3\"}").roomId()).isEqualTo(-1);
        assertThat(StreamFrame.parse("{\"type\":\"unread\",\"room_id\":5,\"unread_count\":2,\"mention_count\":0}"))
                .isEqualTo(new StreamFrame(new Frame("unread", null, null, -1), 5));
    }

    @Test
    void anythingButAJsonObjectWithATypeIsNoFrame() {
        assertThat(StreamFrame.parse("not json")).isNull();
        assertThat(StreamFrame.parse("[1]")).isNull();
        assertThat(StreamFrame.parse("{\"room_id\":1}")).isNull();
        assertThat(StreamFrame.parse("{\"type\":\"message\",\"room_id\":1")).isNull();
    }

    @Test
    void postsNameTheirRoomAsAJsonInteger() throws Exception {
        JsonNode frame = JsonMapper.builder().build().readTree(UserStreamConnection.messageFrame(7, "lg1:1:2:", "lg-t-1"));

        assertThat(frame.get("type").asString()).isEqualTo("message");
        assertThat(frame.get("room_id").isIntegralNumber()).isTrue();
        assertThat(frame.get("room_id").asLong()).isEqualTo(7);
        assertThat(frame.get("content").asString()).isEqualTo("lg1:1:2:");
        assertThat(frame.get("client_id").asString()).isEqualTo("lg-t-1");
    }

    @Test
    void theStreamIsAtWsUserWithTheTokenEncoded() {
        assertThat(UserStreamConnection.uri(URI.create("http://127.0.0.1:8000"), "a.b+c"))
                .hasToString("ws://127.0.0.1:8000/ws/user?token=a.b%2Bc");
        assertThat(UserStreamConnection.uri(URI.create("https://chat.example/prefix/"), "t"))
                .hasToString("wss://chat.example/prefix/ws/user?token=t");
    }

    @Test
    void aReceiptCountsOnlyUnderTheRoomIdOfTheRoomItWasPostedIn() throws Exception {
        UserStreamConnection alice = new UserStreamConnection(0, List.of(1L, 2L), IGNORE);
        UserStreamConnection bob = new UserStreamConnection(1, List.of(1L, 2L), IGNORE);
        UserStreamConnection carol = new UserStreamConnection(2, List.of(2L), IGNORE);
        DeliveryLedger ledger = new DeliveryLedger();
        DeliveryLedger.Step step = ledger.beginStep("s", 1);
        long inRoom1 = ledger.register(alice.receiver(1), 1, 0);
        long inRoom2 = ledger.register(alice.receiver(2), 2, 0);

        ledger.delivered(bob.receiver(1), new Payload(inRoom1, 0), 1_000);   // right
        ledger.delivered(bob.receiver(1), new Payload(inRoom1, 0), 2_000);   // again
        ledger.delivered(bob.receiver(1), new Payload(inRoom2, 0), 3_000);   // room 2's message under room 1
        ledger.delivered(carol.receiver(1), new Payload(inRoom1, 0), 4_000); // carol is not in room 1
        ledger.delivered(carol.receiver(-1), new Payload(inRoom2, 0), 5_000); // no room_id
        ledger.delivered(alice.receiver(2), new Payload(inRoom2, 0), 6_000);  // echo to the sender
        ledger.delivered(carol.receiver(2), new Payload(inRoom2, 0), 7_000);  // right
        ledger.sendCompleted(inRoom1, null);
        ledger.sendCompleted(inRoom2, null);
        StepResult result = ledger.close(step, Duration.ZERO, false);

        assertThat(result.expectedDeliveries()).isEqualTo(3);
        assertThat(result.delivered()).isEqualTo(2);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.misdirected()).isEqualTo(4);
        assertThat(result.lost()).isEqualTo(1);
        assertThat(carol.isMemberOf(1)).isFalse();
        assertThat(carol.isMemberOf(2)).isTrue();
    }
}
