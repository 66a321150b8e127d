package org.chatserver.application.service.room;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;

/**
 * Who may see which room. A private room a user is not in answers exactly like a missing one,
 * so its existence does not leak.
 */
public final class RoomAccess {

    static final String ROOM_NOT_FOUND = "Room not found";
    private static final int KNOWN_ROOMS = 10_000;

    private final RoomRepository rooms;
    private final MessageRepository messages;
    private final Map<RoomId, Room> known = new ConcurrentHashMap<>();

    public RoomAccess(RoomRepository rooms, MessageRepository messages) {
        this.rooms = rooms;
        this.messages = messages;
    }

    public Room visibleRoom(AuthenticatedUser caller, RoomId id) {
        return requireVisible(caller, find(id));
    }

    /**
     * A room by id, remembered: rooms never change once created (there is no rename or delete),
     * and every message posted looks its room up. Bounded; past the bound it starts over.
     */
    private Room find(RoomId id) {
        Room room = known.get(id);
        if (room == null) {
            room = rooms.findById(id).orElseThrow(() -> new NotFoundException(ROOM_NOT_FOUND));
            if (known.size() >= KNOWN_ROOMS) {
                known.clear();
            }
            known.put(id, room);
        }
        return room;
    }

    public Room requireVisible(AuthenticatedUser caller, Room room) {
        if (!room.isVisibleTo(!room.isPrivate() || rooms.isMember(room.id(), caller.userId()))) {
            throw new NotFoundException(ROOM_NOT_FOUND);
        }
        return room;
    }

    /**
     * Makes the user a member if they are not one yet. A new member starts with everything
     * before them read, so unread counts never have to count a whole history. Call in a transaction.
     */
    public boolean ensureMember(Room room, UserId user, Instant now) {
        if (!rooms.addMember(room.id(), user, now)) {
            return false;
        }
        messages.latestId(room.id()).ifPresent(latest -> rooms.advanceLastRead(room.id(), user, latest));
        return true;
    }
}
