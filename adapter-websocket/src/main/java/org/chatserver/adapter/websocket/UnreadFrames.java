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
        Window window;
        synchronized (open) {
            Window current = open.get(room);
            if (current != null) {
                current.pending = new Counts(unreadCount, mentionCount);
                return;
            }
            window = new Window();
            open.put(room, window);
            // sent holding the lock: a window's end cannot overtake it with older counts
            send.accept(OutboundFrames.unread(room, unreadCount, mentionCount));
        }
        timer.schedule(() -> windowEnds(room, window), interval);
    }

    /**
     * The room left the reader's list, or came back with its counts in its {@code room_added} frame: counts waiting
     * for the room's interval to end are out of date and are never sent (nothing of a room follows its
     * {@code room_removed}, and a rejoined room's counts start from its {@code room_added}). Call it before sending
     * that frame.
     */
    void forget(RoomId room) {
        synchronized (open) {
            open.remove(room);
        }
    }

    private void windowEnds(RoomId room, Window window) {
        synchronized (open) {
            // a window forgotten, or replaced since by one of its own, ends on its own timer
            if (open.get(room) != window) {
                return;
            }
            Counts due = window.pending;
            if (due == null) {
                open.remove(room);
                return;
            }
            window.pending = null;
            send.accept(OutboundFrames.unread(room, due.unread(), due.mentions()));
        }
        timer.schedule(() -> windowEnds(room, window), interval);
    }

    /** Rooms with an open interval, for tests. */
    int openWindows() {
        synchronized (open) {
            return open.size();
        }
    }
}
