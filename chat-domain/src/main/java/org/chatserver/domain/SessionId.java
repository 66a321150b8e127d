package org.chatserver.domain;

/** One login on one device. Every refresh token and access token belongs to exactly one. */
public record SessionId(long value) {

    public SessionId {
        if (value <= 0) {
            throw new InvalidValueException("session id", "{} must be positive");
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
