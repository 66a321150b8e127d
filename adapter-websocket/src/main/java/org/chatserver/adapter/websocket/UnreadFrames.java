package org.chatserver.adapter.websocket;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.chatserver.domain.RoomId;

/**
 * The {@code unread} frames of one {@code /ws/user} connection, at most one per room per
 * {@code interval}: the first change of a room's counts goes out at once, later changes within the
 * interval wait for its end and only the latest counts go out then (starting the next interval). A
 * busy room therefore costs a reader one {@code unread} frame per interval, not one per message, and
 * the last counts always arrive, at most {@code interval} late. Memory follows the rooms whose counts
 * changed within the last interval. A zero interval sends every change at once.
 */
final class UnreadFrames {

    /** Runs a task once after a delay, on some other thread. */
    @FunctionalInterface
    interface Timer {

        void schedule(Runnable task, Duration delay);
    }

    private record Counts(long unread, long mentions) {
    }

    /** An interval that is open: the latest counts not sent yet, if any. */
    private static final class Window {

        Counts pending;
    }

    private final Duration interval;
    private final Timer timer;
    private final Consumer<String> send;
    private final Map<RoomId, Window> open = new HashMap<>();

    UnreadFrames(Duration interval, Timer timer, Consumer<String> send) {
        this.interval = interval;
        this.timer = timer;
        this.send = send;
    }

    void changed(RoomId room, long unreadCount, long mentionCount) {
        if (interval.isZero()) {
            send.accept(OutboundFrames.unread(room, unreadCount, mentionCount));
            return;
        }
        synchronized (open) {
            Window current = open.get(room);
            if (current != null) {
                current.pending = new Counts(unreadCount, mentionCount);
                return;
            }
            open.put(room, new Window());
            // sent holding the lock: a window's end cannot overtake it with older counts
            send.accept(OutboundFrames.unread(room, unreadCount, mentionCount));
        }
        timer.schedule(() -> windowEnds(room), interval);
    }

    private void windowEnds(RoomId room) {
        synchronized (open) {
            Window current = open.get(room);
            if (current == null) {
                return;
            }
            Counts due = current.pending;
            if (due == null) {
                open.remove(room);
                return;
            }
            current.pending = null;
            send.accept(OutboundFrames.unread(room, due.unread(), due.mentions()));
        }
        timer.schedule(() -> windowEnds(room), interval);
    }

    /** Rooms with an open interval, for tests. */
    int openWindows() {
        synchronized (open) {
            return open.size();
        }
    }
}
