package org.chatserver.application.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.room.RoomSubscribers;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

/** Delivers on the publisher's thread, as the in-process fan-out does; remembers everything published, for assertions. */
public final class InMemoryRoomEvents implements RoomEvents {

    // a throwing listener is the test's own doing: as the real adapters, the others still get the event
    private final RoomSubscribers subscribers = new RoomSubscribers(RoomSubscribers.RoomLifecycle.NONE, (event, e) -> { });
    private final List<RoomEvent> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(RoomEvent event) {
        published.add(event);
        subscribers.deliver(event);
    }

    @Override
    public Subscription subscribe(RoomId room, Consumer<RoomEvent> listener) {
        return subscribers.subscribe(room, listener);
    }

    public List<RoomEvent> published() {
        return List.copyOf(published);
    }
}
