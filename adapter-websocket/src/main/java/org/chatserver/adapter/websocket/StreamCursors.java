package org.chatserver.adapter.websocket;

import java.util.LinkedHashMap;
import java.util.Map;
import org.chatserver.adapter.wire.Cursors;
import org.chatserver.application.port.in.room.WatchUserUseCase;
import org.chatserver.domain.HistoryPosition;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.RoomId;

/**
 * {@code since} of {@code /ws/user}: a cursor per room, {@code <room_id>:<cursor>} separated by
 * commas ({@code 7:c1042,9:c977}), each cursor what the room endpoint's {@code since} takes (a
 * change-log cursor, or the last message id the client has). Rooms left out are delivered live only.
 */
final class StreamCursors {

    static final String INVALID = "since must be room_id:cursor pairs separated by commas, at most "
            + WatchUserUseCase.MAX_ROOMS + " rooms";

    private StreamCursors() {
    }

    static Map<RoomId, HistoryPosition> parse(String since) {
        Map<RoomId, HistoryPosition> positions = new LinkedHashMap<>();
        if (since == null || since.isBlank()) {
            return positions;
        }
        String[] pairs = since.strip().split(",", -1);
        if (pairs.length > WatchUserUseCase.MAX_ROOMS) {
            throw new InvalidValueException("since", INVALID);
        }
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                throw new InvalidValueException("since", INVALID);
            }
            RoomId room = room(pair.substring(0, colon).strip());
            if (positions.put(room, Cursors.position(pair.substring(colon + 1).strip())) != null) {
                throw new InvalidValueException("since", "since names room " + room.value() + " twice");
            }
        }
        return positions;
    }

    private static RoomId room(String id) {
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')
                || Long.parseLong(id) <= 0) {
            throw new InvalidValueException("since", INVALID);
        }
        return new RoomId(Long.parseLong(id));
    }
}
