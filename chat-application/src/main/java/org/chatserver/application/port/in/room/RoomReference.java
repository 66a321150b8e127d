package org.chatserver.application.port.in.room;

import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomName;

/** How a client names a room it wants: by id, or by name (ignoring case, as names are unique that way). */
public sealed interface RoomReference {

    record ById(RoomId id) implements RoomReference {
    }

    record ByName(RoomName name) implements RoomReference {
    }

    /**
     * Reads a reference as clients write it: all digits is an id (no room name is all digits),
     * anything else a name. Text that can name no room is {@link NotFoundException}, as for a room
     * that does not exist.
     */
    static RoomReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new NotFoundException(Room.NOT_FOUND);
        }
        String reference = text.strip();
        try {
            // ASCII digits only: Java's parsing also takes digits of other scripts (١٠ would be room 10)
            if (reference.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return new ById(new RoomId(Long.parseLong(reference)));
            }
            return new ByName(new RoomName(reference));
        } catch (NumberFormatException | InvalidValueException e) {
            throw new NotFoundException(Room.NOT_FOUND);
        }
    }
}
