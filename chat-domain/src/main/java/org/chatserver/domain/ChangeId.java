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
     * Refuses a position a client says it has seen in a room whose newest change is {@code newest} (empty: none yet)
     * when it is past that: it was never given out for the room (a wiped or restored server, another server), and
     * taken as "up to date" the client would miss every change from then on.
     */
    public ChangeId seenIn(Optional<ChangeId> newest) {
        if (newest.isEmpty() || compareTo(newest.get()) > 0) {
            throw new InvalidValueException("since", "since must be a cursor from this server");
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
