package org.chatserver.application.port.out.room;

import java.util.function.Consumer;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

/**
 * Fan-out of room events to every watcher of the room, on this node and, with a cross-node
 * adapter, on the others. Delivery may reorder or repeat events; watchers put messages back in
 * order themselves (see {@link RoomEvent.MessagePosted#previous()}).
 */
public interface RoomEvents {

    /** Hands the event to every subscriber of its room. Call only after the change committed. */
    void publish(RoomEvent event);

    /**
     * Calls {@code listener} for each event of the room until the subscription is closed. The
     * listener must be quick and must not throw: it runs on the publisher's or the transport's thread.
     * Should it throw anyway, the other subscribers still get the event.
     */
    Subscription subscribe(RoomId room, Consumer<RoomEvent> listener);

    interface Subscription extends AutoCloseable {

        @Override
        void close();
    }
}
