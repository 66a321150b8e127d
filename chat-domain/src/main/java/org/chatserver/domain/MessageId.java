package org.chatserver.domain;

/** Message ids grow with time within a room: they, not timestamps, define the order of a room. */
public record MessageId(long value) implements Comparable<MessageId>, HistoryPosition {

    public MessageId {
        if (value <= 0) {
            throw new InvalidValueException("message id", "{} must be positive");
        }
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
