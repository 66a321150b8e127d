package org.chatserver.domain;

import java.util.Optional;

/** Message ids grow with time within a room: they, not timestamps, define the order of a room. */
public record MessageId(long value) implements Comparable<MessageId>, HistoryPosition {

    public MessageId {
        if (value <= 0) {
            throw new InvalidValueException("message id", "{} must be positive");
        }
    }

    /**
     * Refuses the last message a client says it has of {@code room} (as clients resumed before the change log)
     * unless it is one of the room's ({@code roomOfIt}: the room of the message, empty when there is none): one
     * never given out would be taken as "up to date", and one of another room would skip this room's messages.
     */
    public MessageId seenIn(RoomId room, Optional<RoomId> roomOfIt) {
        if (roomOfIt.isEmpty() || !roomOfIt.get().equals(room)) {
            throw new InvalidValueException("since", "since must be a message id of this room");
        }
        return this;
    }

    @Override
    public int compareTo(MessageId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
