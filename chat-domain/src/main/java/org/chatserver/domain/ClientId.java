package org.chatserver.domain;

/**
 * A sender's own id for a message it posts: a resend with the same one is the same message.
 * 1 to {@value #MAX_LENGTH} visible ASCII characters.
 */
public record ClientId(String value) {

    public static final int MAX_LENGTH = 64;

    public ClientId {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new InvalidValueException("client id", "{} must be 1 to " + MAX_LENGTH + " visible ASCII characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
