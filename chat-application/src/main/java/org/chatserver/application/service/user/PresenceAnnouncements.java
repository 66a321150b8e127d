package org.chatserver.application.service.user;

import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.service.room.TypingGate;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserPresence;
import org.chatserver.domain.Username;

/**
 * Tells the rooms of someone whose presence changed, so that the streams of those who share a room
 * with them ({@code /ws/user}) show it: one {@link RoomEvent.StatusChanged} to each of their rooms
 * small enough (a room of thousands would cost thousands of frames per change), at most
 * {@value #MAX_ROOMS} rooms. Runs only when the status changes, never per heartbeat or frame: one
 * read of the presence store and one of the user's rooms per change, in the background, one change
 * at a time, in the order they happened.
 */
public final class PresenceAnnouncements {

    public static final int MAX_ROOMS = 500;

    private final RoomRepository rooms;
    private final RoomEvents events;
    private final TypingGate smallRooms;
    private final Executor serial;

    /**
     * @param smallRooms the rooms small enough to be told
     * @param serial     runs the announcements one at a time, in order
     */
    public PresenceAnnouncements(RoomRepository rooms, RoomEvents events, TypingGate smallRooms, Executor serial) {
        this.rooms = rooms;
        this.events = events;
        this.smallRooms = smallRooms;
        this.serial = serial;
    }

    /** The user's presence changed; {@code now} reads it over every node (called in the background). */
    void changed(org.chatserver.domain.UserId user, Username name, Supplier<UserPresence> now) {
        serial.execute(() -> {
            try {
                UserPresence presence = now.get();
                for (RoomId room : rooms.memberRoomIds(user, MAX_ROOMS)) {
                    if (smallRooms.allows(room)) {
                        events.publish(new RoomEvent.StatusChanged(room, name, presence.status(),
                                presence.lastSeen(), null));
                    }
                }
            } catch (RuntimeException e) {
                // the store is down: this change goes untold, the next one tells the status then
            }
        });
    }
}
