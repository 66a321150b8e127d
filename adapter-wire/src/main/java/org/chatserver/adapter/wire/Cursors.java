package org.chatserver.adapter.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import org.chatserver.application.port.in.room.WatchUserUseCase;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.HistoryPosition;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;

/**
 * The clients' word for a place in a room's change log: an opaque string. It never looks like a
 * number, so that {@code since} can still take the message id that clients of before the log send.
 *
 * <p>Every {@code since} is read here, REST's and both sockets': each takes exactly what this server writes
 * ({@code c815}, {@code 815}, {@code 7:c815}), as REST's numeric ids do, and refuses the rest alike. A value the
 * server never writes but a client plainly meant (spaces around it, a sign, leading zeros) is told so, rather than
 * taken as another that happens to have the same number.
 */
public final class Cursors {

    private static final String PREFIX = "c";
    static final String INVALID = "since must be a cursor from this server or a message id";
    static final String NOT_A_CURSOR = "since must be a cursor from this server";
    static final String NOT_AS_WRITTEN =
            "since must be written as this server writes it, without spaces, a sign or leading zeros (c815, not c0815)";
    static final String PAIRS = "since must be room_id:cursor pairs separated by commas, at most "
            + WatchUserUseCase.MAX_ROOMS + " rooms";

    private Cursors() {
    }

    public static String of(ChangeId change) {
        return change == null ? null : PREFIX + change.value();
    }

    /** {@code since} of a room's changes: a cursor this server gave out; null when absent, empty or blank. */
    public static ChangeId changesSince(String since) {
        return isAbsent(since) ? null : parse(since);
    }

    /** A cursor this server gave out. */
    public static ChangeId parse(String cursor) {
        long change = cursor != null && cursor.startsWith(PREFIX) ? canonical(cursor.substring(PREFIX.length())) : 0;
        if (change <= 0) {
            throw refusal(cursor, false, NOT_A_CURSOR);
        }
        return new ChangeId(change);
    }

    /**
     * {@code since} of a room's socket: a cursor, or (digits) the last message id the client has; null when absent,
     * empty or blank (a client with nothing yet).
     */
    public static HistoryPosition since(String since) {
        return isAbsent(since) ? null : position(since);
    }

    /** A cursor, or (digits) the last message id the client has. */
    public static HistoryPosition position(String value) {
        if (value != null && value.startsWith(PREFIX)) {
            long change = canonical(value.substring(PREFIX.length()));
            if (change > 0) {
                return new ChangeId(change);
            }
        } else if (value != null) {
            long message = canonical(value);
            if (message > 0) {
                return new MessageId(message);
            }
        }
        throw refusal(value, true, INVALID);
    }

    /**
     * {@code since} of {@code /ws/user}: a position per room, {@code <room_id>:<position>} separated by commas
     * ({@code 7:c1042,9:c977}), each position what a room's socket takes; none when absent, empty or blank.
     */
    public static Map<RoomId, HistoryPosition> perRoom(String since) {
        Map<RoomId, HistoryPosition> positions = new LinkedHashMap<>();
        if (isAbsent(since)) {
            return positions;
        }
        String[] pairs = since.split(",", -1);
        if (pairs.length > WatchUserUseCase.MAX_ROOMS) {
            throw new InvalidValueException("since", PAIRS);
        }
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new InvalidValueException("since", PAIRS);
            }
            String id = pair.substring(0, colon);
            long room = canonical(id);
            if (room <= 0) {
                throw refusal(id, true, PAIRS);
            }
            if (positions.put(new RoomId(room), position(pair.substring(colon + 1))) != null) {
                throw new InvalidValueException("since", "since names room " + room + " twice");
            }
        }
        return positions;
    }

    private static boolean isAbsent(String since) {
        return since == null || since.isBlank();
    }

    /**
     * The refusal of {@code value}: {@link #NOT_AS_WRITTEN} when it is one the server writes but for spaces around
     * it, a sign or leading zeros, else {@code otherwise}.
     *
     * @param digitsToo whether digits alone (a message id, a room id) are among what the server writes here
     */
    private static InvalidValueException refusal(String value, boolean digitsToo, String otherwise) {
        return new InvalidValueException("since", value != null && meant(value.strip(), digitsToo)
                ? NOT_AS_WRITTEN : otherwise);
    }

    private static boolean meant(String value, boolean digitsToo) {
        String rest = withoutSign(value);
        if (rest.startsWith(PREFIX)) {
            rest = withoutSign(rest.substring(PREFIX.length()));
        } else if (!digitsToo) {
            return false;
        }
        int zeros = 0;
        while (zeros < rest.length() - 1 && rest.charAt(zeros) == '0') {
            zeros++;
        }
        return canonical(rest.substring(zeros)) > 0;
    }

    private static String withoutSign(String value) {
        return value.startsWith("+") ? value.substring(1) : value;
    }

    /**
     * The number that ASCII digits write as this server writes numbers (no sign, space or leading zero), or 0 where
     * they write none above 0 or one past the largest long.
     */
    private static long canonical(String digits) {
        if (digits.isEmpty() || digits.length() > 19 || digits.charAt(0) == '0'
                || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            // nineteen digits from 9223372036854775808 on
            return 0;
        }
    }
}
