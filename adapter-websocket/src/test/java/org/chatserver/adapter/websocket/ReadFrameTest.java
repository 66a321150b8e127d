package org.chatserver.adapter.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;
import org.junit.jupiter.api.Test;

/** The frame a room's watchers get when a member's read position moves, key by key, as websocket.md shows it. */
class ReadFrameTest {

    @Test
    void theReadFrameNamesTheRoomTheReaderAndTheirPosition() {
        RoomEvent.ReadMoved read = new RoomEvent.ReadMoved(new RoomId(3), new Username("bob"), new MessageId(42),
                Instant.parse("2025-10-04T18:42:41.5Z"), null);

        assertThat(OutboundFrames.forEvent(read).text()).isEqualTo("""
                {"type":"read","room_id":3,"username":"bob","last_read_message_id":42}""");
    }
}
