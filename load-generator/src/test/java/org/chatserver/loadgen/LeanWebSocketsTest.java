package org.chatserver.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lean client against a server scripted byte by byte over a real socket: fragments, control
 * frames between them, frames split across TCP writes, masking, and both ways of closing.
 */
class LeanWebSocketsTest {

    private ServerSocket server;
    private LeanWebSockets client;
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

    private final LeanWebSockets.Listener listener = new LeanWebSockets.Listener() {
        @Override
        public void onText(LeanWebSockets.Socket socket, byte[] bytes, int from, int to, long receivedNanos,
                           FrameScan scan) {
            texts.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));
        }

        @Override
        public void onClosed(LeanWebSockets.Socket socket, int status, String reason) {
            closes.add(status + " " + reason);
        }
    };

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        client = new LeanWebSockets(1);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.close();
    }

    /** The server side of one connection, after a correct handshake. */
    private record Peer(Socket socket, DataInputStream in, OutputStream out, String request) {
        /** Reads one client frame: it must be masked; answers opcode and unmasked payload. */
        Object[] readFrame() throws IOException {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            assertThat(b1 & 0x80).as("client frames are masked").isEqualTo(0x80);
            int length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            }
            byte[] mask = in.readNBytes(4);
            byte[] payload = in.readNBytes(length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            return new Object[] {b0 & 0x0F, payload};
        }
    }

    private CompletableFuture<LeanWebSockets.Socket> connect() {
        return client.connect(URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws/chat/1?token=t"), listener,
                Duration.ofSeconds(5));
    }

    private Peer accept(byte[] afterHandshake) throws IOException {
        Socket s = server.accept();
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.read());
        }
        String request = head.toString(StandardCharsets.ISO_8859_1);
        String key = request.lines().filter(l -> l.startsWith("Sec-WebSocket-Key:")).findFirst().orElseThrow()
                .substring(18).strip();
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WsCodec.acceptKey(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        // frames sent in the same write as the handshake answer must not be lost
        out.write(afterHandshake);
        out.flush();
        return new Peer(s, new DataInputStream(in), out, request);
    }

    private static byte[] frame(int first, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        if (payload.length < 126) {
            out.write(payload.length);
        } else {
            out.write(126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xFF);
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    @Test
    void theAcceptKeyIsTheOneOfRfc6455() {
        assertThat(WsCodec.acceptKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void fragmentsArePutTogetherAndAPingBetweenThemIsAnswered() throws Exception {
        var connecting = connect();
        Peer peer = accept(frame(0x81, "{\"type\":\"connected\"}"));
        connecting.get(5, TimeUnit.SECONDS);
        assertThat(peer.request()).startsWith("GET /ws/chat/1?token=t HTTP/1.1").contains("Sec-WebSocket-Version: 13");
        assertThat(texts.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"connected\"}");

        peer.out().write(frame(0x01, "{\"type\":\"message\",\"message\":\"会"));
        peer.out().write(frame(0x89, "are you there"));
        peer.out().write(frame(0x00, "議 \\\""));
        peer.out().write(frame(0x80, "x\"}"));
        peer.out().flush();

        Object[] pong = peer.readFrame();
        assertThat(pong[0]).isEqualTo(0xA);
        assertThat(new String((byte[]) pong[1], StandardCharsets.UTF_8)).isEqualTo("are you there");
        assertThat(texts.poll(5, TimeUnit.SECONDS)).isEqualTo("{\"type\":\"message\",\"message\":\"会議 \\\"x\"}");
        assertThat(texts.poll(100, TimeUnit.MILLISECONDS)).isNull();
        peer.socket().close();
    }

    @Test
    void aFrameSplitAcrossWritesAndALongOneArriveWhole() throws Exception {
        var connecting = connect();
        Peer peer = accept(new byte[0]);
        connecting.get(5, TimeUnit.SECONDS);
        String longText = "é".repeat(300);
        byte[] whole = frame(0x81, longText);
        peer.out().write(whole, 0, 1);
        peer.out().flush();
        Thread.sleep(50);
        peer.out().write(whole, 1, 3);
        peer.out().flush();
        Thread.sleep(50);
        peer.out().write(whole, 4, whole.length - 4);
        peer.out().flush();

        assertThat(texts.poll(5, TimeUnit.SECONDS)).isEqualTo(longText);
        peer.socket().close();
    }

    @Test
    void textsAreSentMaskedAndTheClientsCloseIsAnsweredWithoutReportingALoss() throws Exception {
        var connecting = connect();
        Peer peer = accept(new byte[0]);
        LeanWebSockets.Socket socket = connecting.get(5, TimeUnit.SECONDS);

        assertThat(socket.sendText("{\"type\":\"message\",\"content\":\"hé\"}".getBytes(StandardCharsets.UTF_8))).isTrue();
        Object[] sent = peer.readFrame();
        assertThat(sent[0]).isEqualTo(0x1);
        assertThat(new String((byte[]) sent[1], StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"message\",\"content\":\"hé\"}");

        CompletableFuture<Void> closed = socket.close(1000, "load test done");
        Object[] close = peer.readFrame();
        assertThat(close[0]).isEqualTo(0x8);
        byte[] body = (byte[]) close[1];
        assertThat(((body[0] & 0xFF) << 8) | (body[1] & 0xFF)).isEqualTo(1000);
        peer.out().write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8});
        peer.out().flush();

        closed.get(5, TimeUnit.SECONDS);
        assertThat(closes.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(socket.sendText(new byte[] {'x'})).isFalse();
        peer.socket().close();
    }

    @Test
    void theServersCloseIsEchoedAndReportedWithItsStatusAndReason() throws Exception {
        var connecting = connect();
        Peer peer = accept(new byte[0]);
        connecting.get(5, TimeUnit.SECONDS);
        byte[] reason = "Too many connections".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream close = new ByteArrayOutputStream();
        close.write(0x88);
        close.write(2 + reason.length);
        close.write(0x03);
        close.write(0xF0);
        close.writeBytes(reason);
        peer.out().write(close.toByteArray());
        peer.out().flush();

        Object[] echo = peer.readFrame();
        assertThat(echo[0]).isEqualTo(0x8);
        assertThat(closes.poll(5, TimeUnit.SECONDS)).isEqualTo("1008 Too many connections");
        peer.socket().close();
    }

    @Test
    void aDroppedConnectionIsReportedAndARefusedHandshakeFailsTheConnect() throws Exception {
        var connecting = connect();
        Peer peer = accept(new byte[0]);
        connecting.get(5, TimeUnit.SECONDS);
        peer.socket().close();
        assertThat(closes.poll(5, TimeUnit.SECONDS)).startsWith("1006 ");

        var refused = connect();
        try (Socket s = server.accept()) {
            s.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertThat(refused).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .withMessageContaining("handshake refused: HTTP/1.1 403");
        }
    }
}
