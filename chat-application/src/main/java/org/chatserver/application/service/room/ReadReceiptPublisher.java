package org.chatserver.application.service.room;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.domain.RoomEvent.ReadMoved;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;

/**
 * Publishes members' read positions to the room, at most one {@link ReadMoved} per member and room
 * per {@code window}: the first move goes out at once, later moves within the window wait for its
 * end and only the furthest of them goes out then (starting the next window). A member reading
 * through a busy room therefore costs the room's watchers one frame a second, not one per message,
 * and the last position always arrives. Memory follows the members who read within the last
 * window.
 *
 * <p>The bound holds per node: moves published for the same member by two nodes within one window
 * (two requests that a load balancer sent to different nodes) are not merged.
 */
public final class ReadReceiptPublisher {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);

    /** Runs a task once after a delay, on some other thread. */
    @FunctionalInterface
    public interface Timer {

        void schedule(Runnable task, Duration delay);
    }

    private record Key(RoomId room, Username user) {
    }

    /** A window that is open: the furthest move made in it and not published yet. */
    private static final class Window {

        ReadMoved pending;
        ReadMoved published;
    }

    private final RoomEvents events;
    private final Timer timer;
    private final Duration window;
    private final Map<Key, Window> open = new HashMap<>();

    public ReadReceiptPublisher(RoomEvents events, Timer timer, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.events = Objects.requireNonNull(events, "events");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.window = window;
    }

    /** A member's read position moved (committed): tells the room now, or at the end of the open window. */
    public void moved(ReadMoved event) {
        Key key = new Key(event.roomId(), event.user());
        synchronized (open) {
            Window current = open.get(key);
            if (current != null) {
                if (isFurther(event, current.pending == null ? current.published : current.pending)) {
                    current.pending = event;
                }
                return;
            }
            current = new Window();
            current.published = event;
            open.put(key, current);
        }
        timer.schedule(() -> windowEnds(key), window);
        events.publish(event);
    }

    private void windowEnds(Key key) {
        ReadMoved due;
        synchronized (open) {
            Window current = open.get(key);
            if (current == null) {
                return;
            }
            due = current.pending;
            if (due == null) {
                open.remove(key);
                return;
            }
            current.pending = null;
            current.published = due;
        }
        timer.schedule(() -> windowEnds(key), window);
        events.publish(due);
    }

    private static boolean isFurther(ReadMoved event, ReadMoved than) {
        return than == null || event.lastRead().compareTo(than.lastRead()) > 0;
    }

    /** Members with an open window, for tests. */
    int openWindows() {
        synchronized (open) {
            return open.size();
        }
    }
}
