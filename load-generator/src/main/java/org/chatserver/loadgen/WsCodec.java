package org.chatserver.loadgen;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The little of RFC 6455 that the relay and the lean client need: frame headers, masking, the
 * handshake's accept key. Both sides read frames straight out of their receive buffers.
 */
final class WsCodec {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WsCodec() {
    }

    /** Sec-WebSocket-Accept for a client's Sec-WebSocket-Key. */
    static String acceptKey(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key.strip() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Index of the blank line ending an HTTP head in {@code b[from, to)}, or -1 while it is incomplete. */
    static int headEnd(byte[] b, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A final frame of {@code opcode} around {@code payload[from, to)}, masked with a random key when {@code masked}. */
    static byte[] frame(int opcode, byte[] payload, int from, int to, boolean masked) {
        int length = to - from;
        int mask = masked ? java.util.concurrent.ThreadLocalRandom.current().nextInt() : 0;
        byte[] frame = new byte[headerLength(length, masked) + length];
        int at = writeHeader(frame, 0, opcode, length, mask, masked);
        System.arraycopy(payload, from, frame, at, length);
        if (masked) {
            mask(frame, at, frame.length, mask);
        }
        return frame;
    }

    /** Bytes of a header for a payload of {@code length}, with a masking key when {@code masked}. */
    static int headerLength(int length, boolean masked) {
        return (length < 126 ? 2 : length < 65_536 ? 4 : 10) + (masked ? 4 : 0);
    }

    /**
     * Writes a final frame's header at {@code dst[at]} (and the masking key, when {@code mask} is not 0);
     * returns where the payload starts.
     */
    static int writeHeader(byte[] dst, int at, int opcode, int length, int mask, boolean masked) {
        dst[at++] = (byte) (0x80 | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            dst[at++] = (byte) (maskBit | length);
        } else if (length < 65_536) {
            dst[at++] = (byte) (maskBit | 126);
            dst[at++] = (byte) (length >>> 8);
            dst[at++] = (byte) length;
        } else {
            dst[at++] = (byte) (maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                dst[at++] = (byte) (shift >= 32 ? 0 : length >>> shift);
            }
        }
        if (masked) {
            dst[at++] = (byte) (mask >>> 24);
            dst[at++] = (byte) (mask >>> 16);
            dst[at++] = (byte) (mask >>> 8);
            dst[at++] = (byte) mask;
        }
        return at;
    }

    /** XORs {@code b[from, to)} with the 4-byte key that was written big-endian as {@code mask}. */
    static void mask(byte[] b, int from, int to, int mask) {
        byte m0 = (byte) (mask >>> 24);
        byte m1 = (byte) (mask >>> 16);
        byte m2 = (byte) (mask >>> 8);
        byte m3 = (byte) mask;
        int i = from;
        for (; i + 3 < to; i += 4) {
            b[i] ^= m0;
            b[i + 1] ^= m1;
            b[i + 2] ^= m2;
            b[i + 3] ^= m3;
        }
        for (int k = 0; i < to; i++, k++) {
            b[i] ^= k == 0 ? m0 : k == 1 ? m1 : m2;
        }
    }

    /**
     * A frame header parsed from {@code b[at, limit)}; {@link #complete} is false while more bytes
     * are needed. Mutable and reused, so reading a frame allocates nothing.
     */
    static final class Header {
        boolean complete;
        boolean fin;
        int opcode;
        boolean masked;
        int mask;
        int payloadStart;
        long payloadLength;

        /** Parses; false (and {@code complete} false) when the header or its payload is not all there yet. */
        boolean parse(byte[] b, int at, int limit) {
            complete = false;
            if (limit - at < 2) {
                return false;
            }
            fin = (b[at] & 0x80) != 0;
            opcode = b[at] & 0x0F;
            masked = (b[at + 1] & 0x80) != 0;
            int len = b[at + 1] & 0x7F;
            int i = at + 2;
            if (len == 126) {
                if (limit - i < 2) {
                    return false;
                }
                payloadLength = ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
                i += 2;
            } else if (len == 127) {
                if (limit - i < 8) {
                    return false;
                }
                long v = 0;
                for (int k = 0; k < 8; k++) {
                    v = (v << 8) | (b[i + k] & 0xFF);
                }
                payloadLength = v;
                i += 8;
            } else {
                payloadLength = len;
            }
            if (masked) {
                if (limit - i < 4) {
                    return false;
                }
                mask = ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
                i += 4;
            }
            payloadStart = i;
            complete = payloadLength >= 0 && limit - i >= payloadLength;
            return complete;
        }

        int payloadEnd() {
            return payloadStart + (int) payloadLength;
        }
    }
}
