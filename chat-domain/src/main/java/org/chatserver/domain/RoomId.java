package org.chatserver.domain;

public record RoomId(long value) {

    public RoomId {
        if (value <= 0) {
            throw new InvalidValueException("room id", "{} must be positive");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
