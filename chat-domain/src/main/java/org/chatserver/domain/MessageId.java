package org.chatserver.domain;

import java.util.Optional;

/** Message ids grow with time within a room: they, not timestamps, define the order of a room. */
public record MessageId(long value) implements Comparable<MessageId>, HistoryPosition {

    /** What is wrong with a message id below 1, whatever field it came in: one wording everywhere. */
    public static final String NOT_POSITIVE = "{} must be a positive message id";

    public MessageId {
        if (value <= 0) {
            throw new InvalidValueException("message id", NOT_POSITIVE);
        }
    }

    /**
     * A message id that comes under a name of its own (a page's {@code before}, a post's {@code reply to}), refused
     * in that name.
     */
    public static MessageId of(String subject, long value) {
        if (value <= 0) {
            throw new InvalidValueException(subject, NOT_POSITIVE);
        }
        return new MessageId(value);
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
