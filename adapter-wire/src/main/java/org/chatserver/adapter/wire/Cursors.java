package org.chatserver.adapter.wire;

import org.chatserver.domain.ChangeId;
import org.chatserver.domain.HistoryPosition;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;

/**
 * The clients' word for a place in a room's change log: an opaque string. It never looks like a
 * number, so that {@code since} can still take the message id that clients of before the log send.
 */
public final class Cursors {

    private static final String PREFIX = "c";
    static final String INVALID = "since must be a cursor from this server or a message id";
    static final String NOT_A_CURSOR = "since must be a cursor from this server";

    private Cursors() {
    }

    public static String of(ChangeId change) {
        return change == null ? null : PREFIX + change.value();
    }

    /** A cursor this server gave out. */
    public static ChangeId parse(String cursor) {
        ChangeId change = parseOrNull(cursor);
        if (change == null) {
            throw new InvalidValueException("since", NOT_A_CURSOR);
        }
        return change;
    }

    private static ChangeId parseOrNull(String cursor) {
        if (cursor == null || !cursor.startsWith(PREFIX)) {
            return null;
        }
        long value = positive(cursor.substring(PREFIX.length()));
        return value <= 0 ? null : new ChangeId(value);
    }

    /** What {@code since} says: a cursor, or (all digits) the last message id the client has. */
    public static HistoryPosition position(String since) {
        if (since == null) {
            return null;
        }
        if (!since.isEmpty() && since.chars().allMatch(Cursors::isAsciiDigit)) {
            long id = positive(since);
            if (id <= 0) {
                throw new InvalidValueException("since", INVALID);
            }
            return new MessageId(id);
        }
        ChangeId change = parseOrNull(since);
        if (change == null) {
            throw new InvalidValueException("since", INVALID);
        }
        return change;
    }

    /** The number that ASCII digits write, or 0 where they write none above 0 or one past the largest long. */
    private static long positive(String digits) {
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(Cursors::isAsciiDigit)) {
            return 0;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            // nineteen digits from 9223372036854775808 on
            return 0;
        }
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
