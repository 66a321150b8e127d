package org.chatserver.application.port.out.room;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.chatserver.application.port.out.room.RoomEvents.Subscription;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

/**
 * The watchers of rooms on this node and delivery to them: the same-node half that every
 * {@link RoomEvents} adapter shares, so that the in-process fan-out and a cross-node one keep
 * subscribers, closing and failure isolation alike. An adapter decides only on which thread
 * {@link #deliver} runs and what else must happen when a room gains its first or loses its last
 * subscriber on this node (a broker subscription, for example).
 *
 * <p>Delivery goes to the subscribers in the order they subscribed, one after another, on the
 * caller's thread; each event reaches each open subscription once per call. A listener that
 * throws is reported to the {@link ListenerFailure} and the others still get the event. A room
 * without subscribers is forgotten, so memory follows the rooms that are watched.
 */
public final class RoomSubscribers {

    /**
     * Told when a room gains its first or loses its last subscriber on this node. Runs while the
     * registry is locked, so the calls for one registry come one at a time, in the order the
     * registry changed: a broker sees SUBSCRIBE and UNSUBSCRIBE in the right order. It must be
     * quick and must not call back into the registry from another thread and wait for it.
     */
    public interface RoomLifecycle {

        RoomLifecycle NONE = new RoomLifecycle() {
            @Override
            public void firstSubscriber(RoomId room) {
            }

            @Override
            public void lastSubscriberLeft(RoomId room) {
            }
        };

        void firstSubscriber(RoomId room);

        void lastSubscriberLeft(RoomId room);
    }

    /** Told when a listener throws (a bug in the listener): the adapter logs it its own way. */
    @FunctionalInterface
    public interface ListenerFailure {

        void failed(RoomEvent event, RuntimeException failure);
    }

    private final Map<RoomId, List<Subscriber>> rooms = new ConcurrentHashMap<>();
    private final Object registry = new Object();
    private final RoomLifecycle lifecycle;
    private final ListenerFailure onFailure;

    public RoomSubscribers(RoomLifecycle lifecycle, ListenerFailure onFailure) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /** Adds a subscriber; it gets every event {@link #deliver delivered} for the room after this returns. */
    public Subscription subscribe(RoomId room, Consumer<RoomEvent> listener) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(listener, "listener");
        Subscriber subscriber = new Subscriber(room, listener);
        synchronized (registry) {
            List<Subscriber> list = rooms.get(room);
            if (list == null) {
                list = new CopyOnWriteArrayList<>();
                rooms.put(room, list);
                list.add(subscriber);
                lifecycle.firstSubscriber(room);
            } else {
                list.add(subscriber);
            }
        }
        return subscriber;
    }

    /** Hands the event to each open subscription of its room, in turn, on the calling thread. */
    public void deliver(RoomEvent event) {
        Objects.requireNonNull(event, "event");
        for (Subscriber subscriber : rooms.getOrDefault(event.roomId(), List.of())) {
            subscriber.deliver(event);
        }
    }

    /** Whether the room has at least one subscriber on this node. */
    public boolean isWatched(RoomId room) {
        return rooms.containsKey(room);
    }

    /** The rooms with at least one subscriber, as they are now. */
    public Set<RoomId> watchedRooms() {
        return Set.copyOf(rooms.keySet());
    }

    /** How many rooms have at least one subscriber. */
    public int watchedRoomCount() {
        return rooms.size();
    }

    private final class Subscriber implements Subscription {

        private final RoomId room;
        private final Consumer<RoomEvent> listener;
        private final AtomicBoolean closed = new AtomicBoolean();

        Subscriber(RoomId room, Consumer<RoomEvent> listener) {
            this.room = room;
            this.listener = listener;
        }

        void deliver(RoomEvent event) {
            if (closed.get()) {
                return;
            }
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // one broken watcher must not cost the rest of the room its events
                onFailure.failed(event, e);
            }
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            synchronized (registry) {
                List<Subscriber> list = rooms.get(room);
                if (list != null && list.remove(this) && list.isEmpty()) {
                    rooms.remove(room);
                    lifecycle.lastSubscriberLeft(room);
                }
            }
        }
    }
}
