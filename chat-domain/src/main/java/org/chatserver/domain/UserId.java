package org.chatserver.domain;

public record UserId(long value) {

    public UserId {
        if (value <= 0) {
            throw new InvalidValueException("user id", "{} must be positive");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
