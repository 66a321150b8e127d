package org.chatserver.application.port.out.room;

import java.util.function.Consumer;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

/**
 * Fan-out of room events to every watcher of the room, on this node and, with a cross-node
 * adapter, on the others. While the transport holds, each publisher's events reach every
 * subscriber in publish order, once ({@code RoomEventsContract} checks it for every adapter). A
 * cross-node adapter may lose events when its link between nodes fails; it then hands its
 * subscribers a {@link RoomEvent.Resync}, and watchers read the messages they missed from the
 * store. Watchers still put messages back in order themselves and drop repeats (see
 * {@link RoomEvent.MessagePosted#previous()}), so a gap is filled whatever its cause.
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
