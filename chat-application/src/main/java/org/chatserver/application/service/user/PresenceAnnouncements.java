package org.chatserver.application.service.user;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.service.room.TypingGate;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;
import org.chatserver.domain.Username;

/**
 * Tells the rooms of someone whose presence changed, so that the streams of those who share a room
 * with them ({@code /ws/user}; {@link RoomRepository#sharingARoomWith}, by which {@code GET /api/users/{username}} and
 * members lists show it to the same people) show it: one {@link RoomEvent.StatusChanged} to each of their rooms
 * small enough (a room of thousands would cost thousands of frames per change), at most
 * {@value #MAX_ROOMS} rooms. Runs only when the status changes, never per heartbeat or frame: one
 * read of the presence store and one of the user's rooms per change, in the background, one change
 * at a time, in the order they happened.
 *
 * <p>With nodes, a reading can be overtaken: the user's connections on two nodes change at once, each node
 * reads the status over every node, and the reading made before the other node's report may be published after
 * the other node's. So each change is read again {@link #RECHECK_AFTER} later, and told again if the status is
 * not the one this node told (streams show a person's status once per change, so a reading that did not move
 * shows nothing more).
 */
public final class PresenceAnnouncements {

    public static final int MAX_ROOMS = 500;
    /** How long after a change its status is read again. */
    public static final Duration RECHECK_AFTER = Duration.ofSeconds(2);

    /** Runs a task some time from now. */
    @FunctionalInterface
    public interface Later {
        void run(Runnable task, Duration after);
    }

    private record Told(Username name, UserPresence presence, long change) {
    }

    private final RoomRepository rooms;
    private final RoomEvents events;
    private final TypingGate smallRooms;
    private final Executor serial;
    private final Later later;
    /** What this node last told of each user whose change is still to be read again. */
    private final Map<UserId, Told> told = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    /** Without reading a change again: one node, whose readings cannot be overtaken. */
    public PresenceAnnouncements(RoomRepository rooms, RoomEvents events, TypingGate smallRooms, Executor serial) {
        this(rooms, events, smallRooms, serial, null);
    }

    /**
     * @param smallRooms the rooms small enough to be told
     * @param serial     runs the announcements one at a time, in order
     * @param later      reads each change again {@link #RECHECK_AFTER} later (null: never)
     */
    public PresenceAnnouncements(RoomRepository rooms, RoomEvents events, TypingGate smallRooms, Executor serial,
                                 Later later) {
        this.rooms = rooms;
        this.events = events;
        this.smallRooms = smallRooms;
        this.serial = serial;
        this.later = later;
    }

    /** The user's presence changed; {@code now} reads it over every node (called in the background). */
    void changed(UserId user, Username name, Supplier<UserPresence> now) {
        changed(user, () -> Optional.of(name), now);
    }

    /**
     * As {@link #changed(UserId, Username, Supplier)}, with the name read in the background as well: for users not
     * connected here, whose name this node does not hold (empty: the account is gone, nobody is told).
     */
    void changed(UserId user, Supplier<Optional<Username>> name, Supplier<UserPresence> now) {
        long change = changes.incrementAndGet();
        try {
            announce(user, name, now, change);
        } catch (RejectedExecutionException stopping) {
            // the node is stopping and its announcer has gone (a connection closed by the web server's own stop):
            // nobody here is told any more, and other nodes see its users go when its heartbeat stops
        }
    }

    private void announce(UserId user, Supplier<Optional<Username>> name, Supplier<UserPresence> now, long change) {
        serial.execute(() -> {
            try {
                Optional<Username> named = name.get();
                if (named.isEmpty()) {
                    return;
                }
                UserPresence presence = now.get();
                tell(user, named.get(), presence);
                if (later != null) {
                    told.put(user, new Told(named.get(), presence, change));
                }
            } catch (RuntimeException e) {
                // the store is down: this change goes untold, the next one tells the status then
            }
        });
        if (later != null) {
            later.run(() -> serial.execute(() -> readAgain(user, now, change)), RECHECK_AFTER);
        }
    }

    private void readAgain(UserId user, Supplier<UserPresence> now, long change) {
        Told last = told.get(user);
        if (last == null || last.change() != change) {
            // untold, or a later change was told and will be read again itself
            return;
        }
        try {
            UserPresence presence = now.get();
            if (!presence.tellsTheSameAs(last.presence())) {
                tell(user, last.name(), presence);
            }
        } catch (RuntimeException e) {
            // the store is down: the next change tells the status
        } finally {
            told.remove(user, last);
        }
    }

    private void tell(UserId user, Username name, UserPresence presence) {
        for (RoomId room : rooms.memberRoomIds(user, MAX_ROOMS)) {
            if (smallRooms.allows(room)) {
                events.publish(new RoomEvent.StatusChanged(room, name, presence.status(), presence.lastSeen(), null));
            }
        }
    }
}
