package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Inflater;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.Room;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frames go out as the UTF-8 bytes their text was encoded to once ({@link FrameWriter}), handed to Tomcat
 * as they are: every character, and a frame larger than any buffer on the way, arrive intact over a real
 * socket.
 */
class EncodedFramesTest extends WebSocketTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Two, three and four bytes a character, a surrogate pair with a skin tone, and a zero-width joiner. */
    private static final String MIXED = "héllo ÿ ß – 漢字かな 한국어 😀 👍🏽 👩‍💻 ∑ €";

    /**
     * As long as a message may be, every character two to four bytes: about 12 KB of UTF-8, more than
     * Tomcat's 8 KB send and socket buffers, with characters straddling every boundary of theirs.
     */
    private static final String LONGEST = "é漢😀".repeat(MessageText.MAX_LENGTH / 3) + "ÿ";

    @Test
    void messagesInAnyScriptReachAClientIntactThroughTheEncodedPath() {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (ChatClient a = connect(alice, room); ChatClient b = connect(bob, room)) {
            assertThat(webSocket.handler().writingEncodedText(bob.caller().userId()))
                    .as("bob's connection writes the frames' bytes as they are").isEqualTo(1);

            a.send(Map.of("type", "message", "content", MIXED));
            a.send(Map.of("type", "message", "content", LONGEST));
            a.send(Map.of("type", "message", "content", "after"));

            assertThat(b.next("message")).containsEntry("message", MIXED).containsEntry("sender", alice.name());
            assertThat(b.next("message")).containsEntry("message", LONGEST);
            assertThat(b.next("message")).containsEntry("message", "after");
        }
    }

    @Test
    void aFrameLargerThanAnyBufferGoesOutWholeAsOneUnmaskedTextFrame() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (RawClient b = RawClient.open(port, path(Long.toString(room.id().value()), bob.token()), 1 << 16)) {
            // once it is connected, bob's connection hears the room
            next(b, "connected");
            post(alice, room, LONGEST);

            RawClient.Frame frame = next(b, "message");
            assertThat(frame.opcode()).as("text").isEqualTo(0x1);
            assertThat(frame.fin()).as("one frame, not fragments").isTrue();
            assertThat(frame.masked()).as("server frames are never masked").isFalse();
            assertThat(frame.payload().length).isGreaterThan(12_000);
            assertThat(JSON.readValue(strictUtf8(frame.payload()), Map.class).get("message")).isEqualTo(LONGEST);
        }
    }

    @Test
    void aBurstQueuedBehindASlowReaderArrivesWholeAndInOrderItsLastFrameToo() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        // a small receive buffer: while bob does not read, his writer blocks and the burst queues up
        try (RawClient b = RawClient.open(port, path(Long.toString(room.id().value()), bob.token()), 2048)) {
            next(b, "connected");
            for (int i = 1; i <= 200; i++) {
                post(alice, room, i + " " + MIXED);
            }

            for (int i = 1; i <= 200; i++) {
                RawClient.Frame frame = next(b, "message");
                assertThat(JSON.readValue(strictUtf8(frame.payload()), Map.class).get("message"))
                        .isEqualTo(i + " " + MIXED);
            }
        }
    }

    @Test
    void aClientThatAsksForCompressionAsBrowsersDoGetsEveryCharacterBack() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Room room = room(alice);
        try (RawClient b = RawClient.open(port, path(Long.toString(room.id().value()), bob.token()), 1 << 16,
                "Sec-WebSocket-Extensions: permessage-deflate\r\n")) {
            assertThat(b.handshake()).containsIgnoringCase("Sec-WebSocket-Extensions: permessage-deflate");
            Inflater inflater = new Inflater(true);
            try {
                assertThat(nextCompressed(b, inflater, "connected")).containsEntry("room_id", (int) room.id().value());
                post(alice, room, LONGEST);
                post(alice, room, MIXED);

                assertThat(nextCompressed(b, inflater, "message")).containsEntry("message", LONGEST);
                assertThat(nextCompressed(b, inflater, "message")).containsEntry("message", MIXED);
            } finally {
                inflater.end();
            }
        }
    }

    /**
     * The next message of this type on a connection with permessage-deflate (RFC 7692): its frames put
     * together, inflated when compressed, skipping control frames and other types.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> nextCompressed(RawClient client, Inflater inflater, String type) throws Exception {
        while (true) {
            RawClient.Frame first = client.read();
            assertThat(first).as("a frame before the end of the stream").isNotNull();
            if (first.opcode() >= 0x8) {
                continue;
            }
            assertThat(first.opcode()).as("text").isEqualTo(0x1);
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.write(first.payload());
            for (RawClient.Frame part = first; !part.fin(); ) {
                part = client.read();
                assertThat(part.opcode()).as("continuation").isZero();
                payload.write(part.payload());
            }
            byte[] bytes = payload.toByteArray();
            if (first.rsv1()) {
                payload.write(new byte[] {0, 0, (byte) 0xff, (byte) 0xff});
                inflater.setInput(payload.toByteArray());
                ByteArrayOutputStream inflated = new ByteArrayOutputStream();
                byte[] chunk = new byte[8192];
                int n;
                while ((n = inflater.inflate(chunk)) > 0) {
                    inflated.write(chunk, 0, n);
                }
                bytes = inflated.toByteArray();
            }
            Map<String, Object> json = JSON.readValue(strictUtf8(bytes), Map.class);
            if (type.equals(json.get("type"))) {
                return json;
            }
        }
    }

    /** The next frame of this type, skipping pings and other types; each one text, whole, and JSON. */
    private static RawClient.Frame next(RawClient client, String type) throws Exception {
        while (true) {
            RawClient.Frame frame = client.read();
            assertThat(frame).as("a frame before the end of the stream").isNotNull();
            if (frame.opcode() != 0x9
                    && type.equals(JSON.readValue(strictUtf8(frame.payload()), Map.class).get("type"))) {
                return frame;
            }
        }
    }

    /** Decodes, failing on any byte sequence that is not UTF-8 (a lenient decoder would hide a split character). */
    private static String strictUtf8(byte[] bytes) throws Exception {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    }
}
