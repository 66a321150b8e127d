package org.chatserver.adapter.fanout.local;

import java.util.Objects;
import java.util.function.Consumer;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.room.RoomSubscribers;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fan-out within this process: each event goes to the room's subscribers on the publisher's
 * thread. Enough for a single node; several nodes need a shared broker behind the same port.
 *
 * <p>Delivering on the publisher's thread keeps one publisher's events in order and costs no
 * hand-over, which is why subscribers must be quick: a slow one delays the publisher. Nothing is
 * lost between publisher and subscriber, so watchers never need to catch up from the store.
 */
public final class LocalRoomEvents implements RoomEvents {

    private static final Logger log = LoggerFactory.getLogger(LocalRoomEvents.class);

    private final RoomSubscribers subscribers = new RoomSubscribers(RoomSubscribers.RoomLifecycle.NONE,
            (event, failure) -> log.warn("Room {} listener failed on {}; other listeners still get it",
                    event.roomId().value(), event.getClass().getSimpleName(), failure));

    @Override
    public void publish(RoomEvent event) {
        subscribers.deliver(Objects.requireNonNull(event, "event"));
    }

    @Override
    public Subscription subscribe(RoomId room, Consumer<RoomEvent> listener) {
        return subscribers.subscribe(room, listener);
    }

    /** Rooms with at least one subscriber; empty rooms are forgotten so that memory follows live rooms. */
    int activeRooms() {
        return subscribers.watchedRoomCount();
    }
}
