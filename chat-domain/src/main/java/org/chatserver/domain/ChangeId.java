package org.chatserver.domain;

import java.util.Optional;

/**
 * A position in a room's log of changes (posts, edits, deletions, reactions, pins). Ids grow in the
 * order changes to one room commit: a client that has seen change {@code n} of a room has missed
 * exactly the changes of the room with a greater id.
 */
public record ChangeId(long value) implements Comparable<ChangeId>, HistoryPosition {

    public ChangeId {
        if (value <= 0) {
            throw new InvalidValueException("change id", "{} must be positive");
        }
    }

    /**
     * Refuses a position a client says it has seen in {@code room} unless it is one of the room's changes
     * ({@code roomOfIt}: the room of the change it names, empty when there is none). One that names no change was
     * never given out (a wiped or restored server, another server): taken as "up to date" the client would miss
     * every change from then on. One of another room (ids are one sequence over all rooms) would skip this room's
     * changes between the two.
     */
    public ChangeId seenIn(RoomId room, Optional<RoomId> roomOfIt) {
        if (roomOfIt.isEmpty()) {
            throw new InvalidValueException("since", "since must be a cursor from this server");
        }
        if (!roomOfIt.get().equals(room)) {
            throw new InvalidValueException("since", "since must be a cursor of this room");
        }
        return this;
    }

    @Override
    public int compareTo(ChangeId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
