package org.chatserver.adapter.fanout.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.chatserver.application.contract.RoomEventsContract;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.domain.RoomEvent.Presence;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

class LocalRoomEventsTest extends RoomEventsContract {

    @Override
    protected RoomEvents newRoomEvents() {
        return new LocalRoomEvents();
    }

    @Test
    void roomsWithoutSubscribersAreForgotten() {
        LocalRoomEvents events = new LocalRoomEvents();
        var first = events.subscribe(new RoomId(7), e -> { });
        var second = events.subscribe(new RoomId(8), e -> { });
        var third = events.subscribe(new RoomId(8), e -> { });
        assertThat(events.activeRooms()).isEqualTo(2);

        first.close();
        second.close();
        assertThat(events.activeRooms()).as("room 8 still has a subscriber").isEqualTo(1);
        third.close();
        second.close(); // twice: changes nothing
        events.publish(new Presence(new RoomId(7), new Username("alice"), true, Instant.EPOCH, null));

        assertThat(events.activeRooms()).isZero();
    }
}
