package org.chatserver.application.fakes;

import org.chatserver.application.contract.RoomEventsContract;
import org.chatserver.application.port.out.room.RoomEvents;

class InMemoryRoomEventsTest extends RoomEventsContract {

    @Override
    protected RoomEvents newRoomEvents() {
        return new InMemoryRoomEvents();
    }
}
