package org.chatserver.adapter.fanout.local;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out within this process: each event goes to the room's subscribers on the publisher's
 * thread. Enough for a single node; several nodes need a shared broker behind the same port.
 *
 * <p>Delivering on the publisher's thread keeps one publisher's events in order and costs no
 * hand-over, which is why subscribers must be quick: a slow one delays the publisher.
 */
public final class LocalRoomEvents implements RoomEvents {

    private static final Logger log = LoggerFactory.getLogger(LocalRoomEvents.class);

    private final Map<RoomId, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

    @Override
    public void publish(RoomEvent event) {
        Objects.requireNonNull(event, "event");
        for (Subscriber subscriber : subscribers.getOrDefault(event.roomId(), List.of())) {
            subscriber.deliver(event);
        }
    }

    @Override
    public Subscription subscribe(RoomId room, Consumer<RoomEvent> listener) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(listener, "listener");
        Subscriber subscriber = new Subscriber(room, listener);
        subscribers.compute(room, (r, list) -> {
            List<Subscriber> result = list == null ? new CopyOnWriteArrayList<>() : list;
            result.add(subscriber);
            return result;
        });
        return subscriber;
    }

    /** Rooms with at least one subscriber; empty rooms are forgotten so that memory follows live rooms. */
    int activeRooms() {
        return subscribers.size();
    }

    private final class Subscriber implements Subscription {

        private final RoomId room;
        private final Consumer<RoomEvent> listener;
        private volatile boolean closed;

        Subscriber(RoomId room, Consumer<RoomEvent> listener) {
            this.room = room;
            this.listener = listener;
        }

        void deliver(RoomEvent event) {
            if (closed) {
                return;
            }
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // one broken watcher must not cost the rest of the room its events
                log.warn("Room {} listener failed on {}; other listeners still get it",
                        room.value(), event.getClass().getSimpleName(), e);
            }
        }

        @Override
        public void close() {
            closed = true;
            subscribers.computeIfPresent(room, (r, list) -> {
                list.remove(this);
                return list.isEmpty() ? null : list;
            });
        }
    }
}
