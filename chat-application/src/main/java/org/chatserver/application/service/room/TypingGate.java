package org.chatserver.application.service.room;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.domain.RoomId;

/**
 * Whether typing is relayed in a room: only in rooms of at most {@code maxRoomSize} members. In a big
 * room "someone is typing" says nothing and costs a frame per watcher for every key press. A room's
 * size is looked up (one bounded read of at most {@code maxRoomSize + 1} members) at most every
 * {@link #FRESH_FOR} per room on this node, not per typing frame.
 */
public final class TypingGate {

    public static final int DEFAULT_MAX_ROOM_SIZE = 100;
    static final Duration FRESH_FOR = Duration.ofSeconds(30);
    /** Rooms remembered at most; beyond, the memory starts over. */
    private static final int KNOWN_ROOMS = 10_000;

    /** Typing relayed in every room. */
    public static final TypingGate OPEN = new TypingGate(null, Integer.MAX_VALUE, Clock.systemUTC());

    private final RoomRepository rooms;
    private final int maxRoomSize;
    private final Clock clock;
    private final Map<RoomId, Known> known = new ConcurrentHashMap<>();

    /** @param maxRoomSize the most members a room may have for typing to be relayed in it; 0: none */
    public TypingGate(RoomRepository rooms, int maxRoomSize, Clock clock) {
        if (maxRoomSize < 0) {
            throw new IllegalArgumentException("maxRoomSize must not be negative");
        }
        this.rooms = rooms;
        this.maxRoomSize = maxRoomSize;
        this.clock = clock;
    }

    private record Known(boolean small, Instant at) {
    }

    public boolean allows(RoomId room) {
        if (maxRoomSize == Integer.MAX_VALUE) {
            return true;
        }
        if (maxRoomSize == 0) {
            return false;
        }
        Instant now = clock.instant();
        Known k = known.get(room);
        if (k == null || now.isAfter(k.at().plus(FRESH_FOR))) {
            if (known.size() >= KNOWN_ROOMS) {
                known.clear();
            }
            k = new Known(rooms.members(room, maxRoomSize + 1).size() <= maxRoomSize, now);
            known.put(room, k);
        }
        return k.small();
    }
}
