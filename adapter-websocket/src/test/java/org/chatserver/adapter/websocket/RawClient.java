package org.chatserver.adapter.websocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client over a bare socket, for clients no library would imitate: one that never
 * reads (its receive buffer kept tiny) or never answers pings. Reads server frames by hand.
 */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private String handshake;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** Opens the WebSocket; the caller decides when, if ever, to read. */
    static RawClient open(int port, String pathAndQuery, int receiveBuffer) throws IOException {
        return open(port, pathAndQuery, receiveBuffer, "");
    }

    /** @param extraHeaders more handshake headers, each ending in CRLF (e.g. an extension offered) */
    static RawClient open(int port, String pathAndQuery, int receiveBuffer, String extraHeaders) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout((int) ChatClient.WAIT.toMillis());
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders
                + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        RawClient client = new RawClient(socket);
        String status = client.readHeaders();
        client.handshake = status;
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("upgrade refused: " + status);
        }
        return client;
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** One server frame: opcode and payload; null at the end of the stream. */
    Frame read() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        boolean masked = (second & 0x80) != 0;
        byte[] mask = new byte[4];
        if (masked) {
            // a server must never mask (RFC 6455, 5.1); read it anyway so that a test can say so
            in.readFully(mask);
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        for (int i = 0; masked && i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return new Frame(first & 0x0f, (first & 0x80) != 0, (first & 0x40) != 0, masked, payload);
    }

    /** Reads frames until the server's close frame (its code) or the end of the stream (-1). */
    DrainResult drainToClose() throws IOException {
        int texts = 0;
        while (true) {
            Frame frame;
            try {
                frame = read();
            } catch (EOFException e) {
                return new DrainResult(texts, -1);
            }
            if (frame == null) {
                return new DrainResult(texts, -1);
            }
            if (frame.opcode() == 0x1) {
                texts++;
            }
            if (frame.opcode() == 0x8) {
                int code = frame.payload().length >= 2
                        ? ((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff) : 1005;
                return new DrainResult(texts, code);
            }
        }
    }

    /** The server's answer to the handshake: status line and headers. */
    String handshake() {
        return handshake;
    }

    InputStream input() {
        return in;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /**
     * @param fin  whether it is the last (or only) frame of its message
     * @param rsv1 set on the first frame of a compressed message (permessage-deflate)
     */
    record Frame(int opcode, boolean fin, boolean rsv1, boolean masked, byte[] payload) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    record DrainResult(int textFrames, int closeCode) {
    }
}
