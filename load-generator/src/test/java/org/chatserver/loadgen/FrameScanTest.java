package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The in-place reader on frames of the shapes docs/websocket.md gives, and on what must not fool it. */
class FrameScanTest {

    private final FrameScan scan = new FrameScan();

    private boolean scan(String json) {
        byte[] bytes = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
        // a frame is a slice of a larger receive buffer: read between the bounds only
        return scan.scan(bytes, 2, bytes.length - 2);
    }

    @Test
    void messageFrameOfOurServerYieldsPayloadAndIdWhateverFollows() {
        assertThat(scan("{\"type\":\"message\",\"message_id\":57,\"room_id\":1,\"sender\":\"alice\","
                + "\"message\":\"lg1:42:123456789012:....\",\"message_type\":\"text\",\"file_url\":null,\"file_name\":null,"
                + "\"file_size\":null,\"mime_type\":null,\"timestamp\":\"2026-11-02T10:15:31Z\","
                + "\"reactions\":[{\"reaction_type\":\"❤️\",\"count\":1,\"users\":[\"bob\"],\"type\":\"x\"}],"
                + "\"user_reaction\":null,\"edited_at\":null,\"deleted\":false,\"reply_to\":{\"message_id\":3,\"type\":\"y\"},"
                + "\"reply_count\":0,\"mentions\":[],\"cursor\":\"c815\"}")).isTrue();

        assertThat(scan.typeIs(FrameScan.ascii("message"))).isTrue();
        assertThat(scan.messageId()).isEqualTo(57);
        assertThat(scan.payload()).isTrue();
        assertThat(scan.payloadSeq()).isEqualTo(42);
        assertThat(scan.payloadIntendedNanos()).isEqualTo(123_456_789_012L);
        assertThat(scan.toFrame()).isEqualTo(new Frame("message", "lg1:42:123456789012:....", null, 57));
    }

    @Test
    void ackFrameYieldsTheSeqInsideItsClientId() {
        assertThat(scan("{\"type\":\"ack\",\"message_id\":58,\"client_id\":\"lg-ab12-99\",\"room_id\":1,"
                + "\"timestamp\":\"2026-11-02T10:15:31Z\"}")).isTrue();

        assertThat(scan.typeIs(FrameScan.ascii("ack"))).isTrue();
        assertThat(scan.clientIdSeq(FrameScan.ascii("lg-ab12-"))).isEqualTo(99);
        assertThat(scan.clientIdSeq(FrameScan.ascii("lg-other-"))).isEqualTo(-1);
        assertThat(scan.messageId()).isEqualTo(58);

        assertThat(scan("{\"type\":\"ack\",\"message_id\":59,\"client_id\":\"lg-ab12-probe\"}")).isTrue();
        assertThat(scan.clientIdSeq(FrameScan.ascii("lg-ab12-"))).isEqualTo(-1);
        assertThat(scan.clientId()).isEqualTo("lg-ab12-probe");
    }

    @Test
    void unicodeAndEscapedQuotesAreReadExactly() {
        String text = "会議 \\\"quoted\\\" \\\\ back \\u00e9 😀 \\ud83d\\ude00 \\n";
        assertThat(scan("{\"message\":\"" + text + "\",\"type\":\"error\",\"ref\":\"a\\\"}\"}")).isTrue();

        assertThat(scan.typeIs(FrameScan.ascii("error"))).isTrue();
        assertThat(scan.message()).isEqualTo("会議 \"quoted\" \\ back é 😀 😀 \n");
        assertThat(scan.payload()).isFalse();
    }

    @Test
    void aPayloadWrittenWithNeedlessEscapesIsStillFound() {
        assertThat(scan("{\"type\":\"message\",\"message\":\"\\u006cg1:7:-3:\"}")).isTrue();

        assertThat(scan.payload()).isTrue();
        assertThat(scan.payloadSeq()).isEqualTo(7);
        assertThat(scan.payloadIntendedNanos()).isEqualTo(-3);
    }

    @Test
    void keysInsideNestedValuesOrStringsDoNotCount() {
        assertThat(scan("{\"sender\":\"\\\"type\\\":\\\"ack\\\"\",\"nested\":{\"type\":\"ack\",\"message\":\"lg1:1:2:\"},"
                + "\"type\":\"user_joined\",\"message\":\"alice joined the chat\"}")).isTrue();

        assertThat(scan.type()).isEqualTo("user_joined");
        assertThat(scan.payload()).isFalse();
        assertThat(scan.messageId()).isEqualTo(-1);
    }

    @Test
    void connectedFrameIsAFrameWithoutPayload() {
        assertThat(scan("{\"type\":\"connected\",\"room_id\":1,\"room_name\":\"General\",\"message\":\"Connected to General\","
                + "\"timestamp\":\"2026-11-02T10:15:30Z\"}")).isTrue();

        assertThat(scan.typeIs(FrameScan.ascii("connected"))).isTrue();
        assertThat(scan.typeIs(FrameScan.ascii("connect"))).isFalse();
        assertThat(scan.payload()).isFalse();
    }

    @Test
    void clientContentAndNumericClientIdAreFoundAsSent() {
        String json = "{\"type\":\"message\",\"content\":\"say \\\"hi\\\" ☕\",\"client_id\":17}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        assertThat(scan.scan(bytes, 0, bytes.length)).isTrue();

        assertThat(new String(bytes, scan.contentStart(), scan.contentEnd() - scan.contentStart(), StandardCharsets.UTF_8))
                .isEqualTo("say \\\"hi\\\" ☕");
        assertThat(new String(bytes, scan.clientIdStart(), scan.clientIdEnd() - scan.clientIdStart(),
                StandardCharsets.US_ASCII)).isEqualTo("17");
        assertThat(scan.clientId()).isEqualTo("17");
    }

    @Test
    void anythingButOneJsonObjectIsRefused() {
        assertThat(scan("not json")).isFalse();
        assertThat(scan("[1,2]")).isFalse();
        assertThat(scan("{\"type\":\"message\"")).isFalse();
        assertThat(scan("{\"type\":\"message\"} trailing")).isFalse();
        assertThat(scan("{\"type\":\"mess")).isFalse();
        assertThat(scan("{\"type\" \"message\"}")).isFalse();
        assertThat(scan("{\"a\":[1,{\"b\":2}]")).isFalse();
        assertThat(scan("{\"type\":\"a\u0001b\"}")).isFalse();
        assertThat(scan(" { } ")).isTrue();
        assertThat(scan.hasType()).isFalse();
    }

    @Test
    void readsTheSameAsTheStreamingParserOnEveryShape() {
        String[] frames = {
            "{\"type\":\"message\",\"message_id\":1,\"message\":\"lg1:1:2:\",\"reactions\":[]}",
            "{\"type\":\"ack\",\"message_id\":18,\"client_id\":\"lg-a-5\",\"room_id\":3}",
            "{\"type\":\"error\",\"message\":\"Too many messages: slow down\",\"client_id\":\"c-1\",\"ref\":7}",
            "{\"type\":\"typing_start\",\"room_id\":1,\"sender\":\"élodie\",\"message\":\"élodie is typing...\"}",
            "{\"type\":\"message\",\"message_id\":-5,\"message\":\"tab\\tand \\\"q\\\"\"}",
        };
        for (String frame : frames) {
            assertThat(scan(frame)).as(frame).isTrue();
            assertThat(scan.toFrame()).as(frame).isEqualTo(Frame.parse(frame));
        }
    }
}
