package org.chatserver.adapter.fanout.redis;

import java.util.ArrayList;
import java.util.List;
import org.chatserver.application.contract.RoomEventsContract;
import org.chatserver.application.port.out.room.RoomEvents;
import org.junit.jupiter.api.AfterEach;

/** The port's contract on one node over a real Redis, each test on channels of its own. */
class RedisRoomEventsContractTest extends RoomEventsContract {

    private final List<RedisRoomEvents> opened = new ArrayList<>();

    @Override
    protected RoomEvents newRoomEvents() {
        RedisRoomEvents events = RedisRoomEvents.connect(TestRedis.isolatedProperties());
        opened.add(events);
        return events;
    }

    @AfterEach
    void closeConnections() {
        opened.forEach(RedisRoomEvents::close);
    }
}
