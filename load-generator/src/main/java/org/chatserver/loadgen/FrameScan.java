package org.chatserver.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * The few top-level keys of a JSON frame this tool (and the relay) reads, found in the frame's UTF-8
 * bytes where they lie: no string, map or tree is built per frame. Only the values asked for are ever
 * decoded. One scanner is reused for every frame its thread reads, so it is not thread-safe.
 *
 * <p>Keys are compared as raw bytes: a key written with escapes ({@code "typ\u0065"}) is not recognised
 * (no server of this contract writes keys so). Values are found exactly, whatever they hold: nested
 * arrays and objects, escaped quotes, any UTF-8.
 */
public final class FrameScan {

    private static final byte[] TYPE = ascii("type");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] CONTENT = ascii("content");
    private static final byte[] CLIENT_ID = ascii("client_id");
    private static final byte[] MESSAGE_ID = ascii("message_id");
    private static final byte[] PAYLOAD_PREFIX = ascii("lg1:");

    /** Where a value lies: for a string the bytes between its quotes; its kind; whether it holds escapes. */
    private static final int NONE = 0;
    private static final int STRING = 1;
    private static final int NUMBER = 2;
    private static final int OTHER = 3;

    private byte[] bytes;
    private final int[] start = new int[5];
    private final int[] end = new int[5];
    private final int[] kind = new int[5];
    private final boolean[] escaped = new boolean[5];
    private long payloadSeq;
    private long payloadIntended;

    private static final int F_TYPE = 0;
    private static final int F_MESSAGE = 1;
    private static final int F_CONTENT = 2;
    private static final int F_CLIENT_ID = 3;
    private static final int F_MESSAGE_ID = 4;

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Scans {@code bytes[from, to)}; true when they hold one JSON object (the keys are then available),
     * false for anything else (not JSON, not an object, cut short, trailing garbage).
     */
    public boolean scan(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        java.util.Arrays.fill(kind, NONE);
        int i = skipSpace(bytes, from, to);
        if (i >= to || bytes[i] != '{') {
            return false;
        }
        i = skipSpace(bytes, i + 1, to);
        if (i < to && bytes[i] == '}') {
            return skipSpace(bytes, i + 1, to) == to;
        }
        while (true) {
            if (i >= to || bytes[i] != '"') {
                return false;
            }
            int keyStart = i + 1;
            int keyEnd = stringEnd(bytes, keyStart, to);
            if (keyEnd < 0) {
                return false;
            }
            i = skipSpace(bytes, keyEnd + 1, to);
            if (i >= to || bytes[i] != ':') {
                return false;
            }
            i = skipSpace(bytes, i + 1, to);
            if (i >= to) {
                return false;
            }
            int field = field(bytes, keyStart, keyEnd);
            int valueEnd;
            byte first = bytes[i];
            if (first == '"') {
                valueEnd = stringEnd(bytes, i + 1, to);
                if (valueEnd < 0) {
                    return false;
                }
                if (field >= 0) {
                    record(field, STRING, i + 1, valueEnd, indexOf(bytes, (byte) '\\', i + 1, valueEnd) >= 0);
                }
                valueEnd++;
            } else if (first == '{' || first == '[') {
                valueEnd = containerEnd(bytes, i, to);
                if (valueEnd < 0) {
                    return false;
                }
                if (field >= 0) {
                    record(field, OTHER, i, valueEnd, false);
                }
            } else {
                valueEnd = i;
                while (valueEnd < to && isScalarByte(bytes[valueEnd])) {
                    valueEnd++;
                }
                if (valueEnd == i) {
                    return false;
                }
                if (field >= 0) {
                    record(field, first == '-' || (first >= '0' && first <= '9') ? NUMBER : OTHER, i, valueEnd, false);
                }
            }
            i = skipSpace(bytes, valueEnd, to);
            if (i >= to) {
                return false;
            }
            if (bytes[i] == '}') {
                return skipSpace(bytes, i + 1, to) == to;
            }
            if (bytes[i] != ',') {
                return false;
            }
            i = skipSpace(bytes, i + 1, to);
        }
    }

    /** Whether "type" is a string equal to {@code literal} (ASCII, as every frame type is). */
    public boolean typeIs(byte[] literal) {
        return kind[F_TYPE] == STRING && !escaped[F_TYPE] && equals(F_TYPE, literal);
    }

    /** Whether the frame has a string "type". */
    public boolean hasType() {
        return kind[F_TYPE] == STRING;
    }

    public String type() {
        return string(F_TYPE);
    }

    /** The "message" string, decoded, or null when absent or not a string. */
    public String message() {
        return string(F_MESSAGE);
    }

    /** The "client_id" as text: a string decoded, a number as its digits; null otherwise. */
    public String clientId() {
        if (kind[F_CLIENT_ID] == NUMBER) {
            return new String(bytes, start[F_CLIENT_ID], end[F_CLIENT_ID] - start[F_CLIENT_ID], StandardCharsets.US_ASCII);
        }
        return string(F_CLIENT_ID);
    }

    /** "message_id" when it is a whole number, else -1. */
    public long messageId() {
        return kind[F_MESSAGE_ID] == NUMBER ? parseLong(bytes, start[F_MESSAGE_ID], end[F_MESSAGE_ID]) : -1;
    }

    /**
     * Reads a load-generator payload ({@code lg1:<seq>:<nanos>:}) at the start of "message" in place;
     * true when there is one, then {@link #payloadSeq()} and {@link #payloadIntendedNanos()} hold it.
     */
    public boolean payload() {
        if (kind[F_MESSAGE] != STRING) {
            return false;
        }
        if (escaped[F_MESSAGE] && !startsWith(F_MESSAGE, PAYLOAD_PREFIX)) {
            // a server may escape what it need not (\u006c...): decode, then read it as text
            Payload p = Payload.decode(message());
            if (p == null) {
                return false;
            }
            payloadSeq = p.seq();
            payloadIntended = p.intendedNanos();
            return true;
        }
        if (!startsWith(F_MESSAGE, PAYLOAD_PREFIX)) {
            return false;
        }
        int i = start[F_MESSAGE] + PAYLOAD_PREFIX.length;
        int stop = end[F_MESSAGE];
        int first = indexOf(bytes, (byte) ':', i, stop);
        int second = first < 0 ? -1 : indexOf(bytes, (byte) ':', first + 1, stop);
        if (second < 0) {
            return false;
        }
        long seq = parseLong(bytes, i, first);
        long intended = parseLong(bytes, first + 1, second);
        if (seq == Long.MIN_VALUE || intended == Long.MIN_VALUE) {
            return false;
        }
        payloadSeq = seq;
        payloadIntended = intended;
        return true;
    }

    public long payloadSeq() {
        return payloadSeq;
    }

    public long payloadIntendedNanos() {
        return payloadIntended;
    }

    /** The digits after {@code prefix} in a string "client_id" ({@code lg-<run tag>-<seq>}), or -1. */
    public long clientIdSeq(byte[] prefix) {
        if (kind[F_CLIENT_ID] != STRING || escaped[F_CLIENT_ID] || !startsWith(F_CLIENT_ID, prefix)) {
            return -1;
        }
        long value = parseLong(bytes, start[F_CLIENT_ID] + prefix.length, end[F_CLIENT_ID]);
        return value < 0 ? -1 : value;
    }

    /** Where the "content" string lies, as sent (still escaped JSON), or start -1 when absent or not a string. */
    public int contentStart() {
        return kind[F_CONTENT] == STRING ? start[F_CONTENT] : -1;
    }

    public int contentEnd() {
        return end[F_CONTENT];
    }

    /** Where "client_id" lies as sent: a string's inside, a number's digits; start -1 otherwise. */
    public int clientIdStart() {
        int k = kind[F_CLIENT_ID];
        return (k == STRING || k == NUMBER) ? start[F_CLIENT_ID] : -1;
    }

    public int clientIdEnd() {
        return end[F_CLIENT_ID];
    }

    /** The frame as the record the rest of the tool reads (allocates: for the slow, rare paths). */
    public Frame toFrame() {
        return new Frame(type(), message(), clientId(), messageId());
    }

    private void record(int field, int k, int s, int e, boolean esc) {
        kind[field] = k;
        start[field] = s;
        end[field] = e;
        escaped[field] = esc;
    }

    private boolean equals(int field, byte[] literal) {
        return end[field] - start[field] == literal.length && startsWith(field, literal);
    }

    private boolean startsWith(int field, byte[] literal) {
        int s = start[field];
        if (end[field] - s < literal.length) {
            return false;
        }
        for (int k = 0; k < literal.length; k++) {
            if (bytes[s + k] != literal[k]) {
                return false;
            }
        }
        return true;
    }

    private String string(int field) {
        if (kind[field] != STRING) {
            return null;
        }
        if (!escaped[field]) {
            return new String(bytes, start[field], end[field] - start[field], StandardCharsets.UTF_8);
        }
        try {
            return unescape(bytes, start[field], end[field]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int field(byte[] b, int s, int e) {
        int n = e - s;
        return switch (n) {
            case 4 -> same(b, s, TYPE) ? F_TYPE : -1;
            case 7 -> same(b, s, MESSAGE) ? F_MESSAGE : same(b, s, CONTENT) ? F_CONTENT : -1;
            case 9 -> same(b, s, CLIENT_ID) ? F_CLIENT_ID : -1;
            case 10 -> same(b, s, MESSAGE_ID) ? F_MESSAGE_ID : -1;
            default -> -1;
        };
    }

    private static boolean same(byte[] b, int s, byte[] literal) {
        for (int k = 0; k < literal.length; k++) {
            if (b[s + k] != literal[k]) {
                return false;
            }
        }
        return true;
    }

    /** Index of the closing quote of a string whose inside starts at {@code i}, or -1. */
    private static int stringEnd(byte[] b, int i, int to) {
        while (i < to) {
            byte c = b[i];
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                i += 2;
            } else if (c >= 0 && c < 0x20) {
                return -1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Index just after the object or array starting at {@code i}, or -1. */
    private static int containerEnd(byte[] b, int i, int to) {
        int depth = 0;
        while (i < to) {
            byte c = b[i];
            if (c == '"') {
                i = stringEnd(b, i + 1, to);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return -1;
    }

    private static boolean isScalarByte(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+'
                || c == '.';
    }

    private static int skipSpace(byte[] b, int i, int to) {
        while (i < to && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** A whole number in {@code b[s, e)} (optional minus), or Long.MIN_VALUE when it is not one. */
    static long parseLong(byte[] b, int s, int e) {
        if (s >= e) {
            return Long.MIN_VALUE;
        }
        boolean negative = b[s] == '-';
        int i = negative ? s + 1 : s;
        if (i >= e || e - i > 18) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < e; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    private static String unescape(byte[] b, int s, int e) {
        StringBuilder out = new StringBuilder(e - s);
        int plain = s;
        int i = s;
        while (i < e) {
            if (b[i] != '\\') {
                i++;
                continue;
            }
            out.append(new String(b, plain, i - plain, StandardCharsets.UTF_8));
            byte c = i + 1 < e ? b[i + 1] : (byte) 'x';
            switch (c) {
                case '"', '\\', '/' -> out.append((char) c);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (i + 6 > e) {
                        return out.toString();
                    }
                    out.append((char) Integer.parseInt(new String(b, i + 2, 4, StandardCharsets.US_ASCII), 16));
                    i += 4;
                }
                default -> out.append((char) c);
            }
            i += 2;
            plain = i;
        }
        out.append(new String(b, plain, e - plain, StandardCharsets.UTF_8));
        return out.toString();
    }
}
