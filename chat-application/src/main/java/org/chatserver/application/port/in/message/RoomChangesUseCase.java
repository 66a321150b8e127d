package org.chatserver.application.port.in.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

/**
 * Every change of a room after a point a client had seen, in order, for a client that was away
 * longer than a WebSocket resume covers.
 */
public interface RoomChangesUseCase {

    int DEFAULT_LIMIT = 100;
    int MAX_LIMIT = 500;

    /**
     * The oldest {@code limit} changes after {@code since} (null: from the start), each as the event a
     * live watcher got, with the message's state now.
     */
    ChangePage changes(AuthenticatedUser caller, RoomId room, ChangeId since, int limit);

    /**
     * @param cursor where the next page starts: the last change of this page, or {@code since} when
     *               the page is empty (null when the room has no change at all)
     * @param more   whether more changes follow
     */
    record ChangePage(List<RoomEvent.Change> changes, ChangeId cursor, boolean more) {

        public ChangePage {
            changes = List.copyOf(changes);
        }
    }
}
