package org.chatserver.application.service.room;

import java.util.LinkedHashMap;
import java.util.Map;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomEvent.ReadMoved;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;

/**
 * The furthest read position this node has handed its watchers, per member and room, so that a position
 * overtaken on the way is dropped instead of shown last. Each node publishes the moves made through it
 * ({@link ReadReceiptPublisher}): when a member's requests reach two nodes within a second, a node can get
 * the other's older move after its own newer one, and its watchers were left showing the older position
 * until the member read again (a black-box audit: 1 run in 8 of twelve reads alternating between two
 * nodes). Positions only grow, so an older one says nothing new. A move as far as the furthest passes: every
 * watcher of the node gets the same event in turn.
 *
 * <p>Holds the {@value #MAX_MEMBERS} members who read most recently; an overtaken move arrives within
 * seconds of the newer one, long before so many others have read.
 */
final class FurthestReads {

    static final int MAX_MEMBERS = 20_000;

    private record Key(RoomId room, Username user) {
    }

    private final Map<Key, MessageId> furthest = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, MessageId> eldest) {
            return size() > MAX_MEMBERS;
        }
    };

    /** Whether a watcher is to be told of this move: false when this node handed on a further one already. */
    synchronized boolean isNotBehind(ReadMoved move) {
        Key key = new Key(move.roomId(), move.user());
        MessageId known = furthest.get(key);
        if (known != null && move.lastRead().compareTo(known) < 0) {
            return false;
        }
        furthest.put(key, move.lastRead());
        return true;
    }
}
