package org.chatserver.adapter.persistence;

import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.RoomName;

/** Room names as stored, read as names of today's rules: by the V6 upgrade ({@link RoomNameKeys}) and by every read. */
final class StoredRoomNames {

    private StoredRoomNames() {
    }

    /**
     * A stored name as a name of today's rules: as it is, or without its invisible formatting characters, or, when
     * nothing valid is left, {@code Room <id>}. Also how a room is read whose name a rule made since then refuses (a
     * name of only a blank Braille pattern, say), so that it still lists and opens; its key stays as stored.
     */
    static RoomName readable(long id, String stored) {
        try {
            return new RoomName(stored);
        } catch (InvalidValueException refused) {
            String visible = stored.codePoints()
                    .filter(c -> Character.getType(c) != Character.FORMAT)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                    .toString();
            try {
                return new RoomName(visible);
            } catch (InvalidValueException stillRefused) {
                return new RoomName("Room " + id);
            }
        }
    }
}
