package org.chatserver.adapter.fanout.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.chatserver.domain.ChangeId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code room_added}'s news between nodes of different versions during a rolling upgrade: where the
 * membership began rides after the kind, where an older node reads nothing, and an older node's news,
 * which does not say it, is read as not known.
 */
class RedisUserEventsWireTest {

    private static final UserId BOB = new UserId(5);
    private static final RoomId ROOM = new RoomId(7);

    private final RedisFanoutProperties properties = TestRedis.isolatedProperties();
    private final RedisUserEvents nodeA = RedisUserEvents.connect(properties);
    private final RedisUserEvents nodeB = RedisUserEvents.connect(properties);

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void whereAMembershipBeganCrossesAndAnOlderNodeStillReadsTheKindWhereItDid() {
        for (UserEvent.RoomAdded.Since since : new UserEvent.RoomAdded.Since[] {
                new UserEvent.RoomAdded.Since(new ChangeId(812)), UserEvent.RoomAdded.Since.START}) {
            UserEvent.RoomAdded added = new UserEvent.RoomAdded(BOB, ROOM, since);
            String payload = nodeA.encode(added);

            assertThat(nodeB.decode(payload)).isEqualTo(added);
            // as a node of before it splits it: node, user, room, kind
            String[] older = payload.split("\\|", -1);
            assertThat(older[1] + "|" + older[2] + "|" + older[3]).isEqualTo("5|7|added");
        }
    }

    @Test
    void anOlderNodesRoomAddedSaysNoPlace() {
        assertThat(nodeB.decode("an-older-node|5|7|added")).isEqualTo(new UserEvent.RoomAdded(BOB, ROOM, null));
    }
}
