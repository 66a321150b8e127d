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
        if (cursor == null || !cursor.startsWith(PREFIX) || cursor.length() > 20 || cursor.length() == PREFIX.length()
                || !cursor.substring(PREFIX.length()).chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long value = Long.parseLong(cursor.substring(PREFIX.length()));
        return value <= 0 ? null : new ChangeId(value);
    }

    /** What {@code since} says: a cursor, or (all digits) the last message id the client has. */
    public static HistoryPosition position(String since) {
        if (since == null) {
            return null;
        }
        if (!since.isEmpty() && since.length() <= 19 && since.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long id = Long.parseLong(since);
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
}
