package org.chatserver.adapter.fanout.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.chatserver.application.contract.RoomEventsContract;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.junit.jupiter.api.AfterEach;

/**
 * The port's contract with every event crossing Redis: published on one node, subscribed on
 * another. On a single node an event reaches local subscribers without Redis, so only this run
 * proves that the Redis path alone keeps the contract.
 */
class RedisRoomEventsAcrossNodesContractTest extends RoomEventsContract {

    private final List<RedisRoomEvents> opened = new ArrayList<>();

    @Override
    protected RoomEvents newRoomEvents() {
        RedisFanoutProperties properties = TestRedis.isolatedProperties();
        RedisRoomEvents publishing = RedisRoomEvents.connect(properties);
        RedisRoomEvents watching = RedisRoomEvents.connect(properties);
        opened.add(publishing);
        opened.add(watching);
        return new RoomEvents() {
            @Override
            public void publish(RoomEvent event) {
                publishing.publish(event);
            }

            @Override
            public Subscription subscribe(RoomId room, Consumer<RoomEvent> listener) {
                return watching.subscribe(room, listener);
            }
        };
    }

    @AfterEach
    void closeConnections() {
        opened.forEach(RedisRoomEvents::close);
    }
}
