package org.chatserver.application.fakes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

/** Delivers on the publisher's thread; remembers everything published, for assertions. */
public final class InMemoryRoomEvents implements RoomEvents {

    private final Map<RoomId, List<Consumer<RoomEvent>>> listeners = new ConcurrentHashMap<>();
    private final List<RoomEvent> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(RoomEvent event) {
        published.add(event);
        for (Consumer<RoomEvent> listener : listeners.getOrDefault(event.roomId(), List.of())) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // as the real adapters: one broken listener must not cost the others their events
            }
        }
    }

    @Override
    public Subscription subscribe(RoomId room, Consumer<RoomEvent> listener) {
        listeners.computeIfAbsent(room, r -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.getOrDefault(room, List.of()).remove(listener);
    }

    public List<RoomEvent> published() {
        return List.copyOf(published);
    }
}
