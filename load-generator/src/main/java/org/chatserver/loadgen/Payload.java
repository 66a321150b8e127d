package org.chatserver.loadgen;

/**
 * What a generated chat message carries in its text: a run-wide sequence number and the
 * {@link System#nanoTime()} at which it was MEANT to be sent. Every client lives in this JVM, so
 * a receiver subtracts that from its own clock and gets the end-to-end latency with no clock sync.
 *
 * @param seq          unique within one run; names sender and message at once
 * @param intendedNanos scheduled send time, not the actual one (coordinated omission)
 */
public record Payload(long seq, long intendedNanos) {

    private static final String PREFIX = "lg1:";

    /** The message text, padded with '.' to {@code minLength} so message size can be varied. */
    public String encode(int minLength) {
        StringBuilder text = new StringBuilder(Math.max(minLength, 40))
                .append(PREFIX).append(seq).append(':').append(intendedNanos).append(':');
        while (text.length() < minLength) {
            text.append('.');
        }
        return text.toString();
    }

    /** The payload in a message text, or null for any text this tool did not write. */
    public static Payload decode(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return null;
        }
        int first = text.indexOf(':', PREFIX.length());
        int second = first < 0 ? -1 : text.indexOf(':', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            return new Payload(Long.parseLong(text, PREFIX.length(), first, 10),
                    Long.parseLong(text, first + 1, second, 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The client_id sent with the message; the server's ack echoes it back. */
    public static String clientId(String runTag, long seq) {
        return "lg-" + runTag + "-" + seq;
    }

    /** The seq inside a client_id of this run, or -1. */
    public static long seqOfClientId(String runTag, String clientId) {
        String prefix = "lg-" + runTag + "-";
        if (clientId == null || !clientId.startsWith(prefix)) {
            return -1;
        }
        try {
            return Long.parseLong(clientId, prefix.length(), clientId.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
