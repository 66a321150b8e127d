package org.chatserver.domain;

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

    @Override
    public int compareTo(ChangeId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
