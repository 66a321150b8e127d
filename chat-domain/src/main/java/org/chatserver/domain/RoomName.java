package org.chatserver.domain;

import java.util.Locale;

/**
 * Trimmed, 1 to 64 characters, no control characters. Unique ignoring case, because clients
 * also join rooms by name ({@code /ws/chat/general}).
 */
public record RoomName(String value) {

    public static final int MAX_LENGTH = 64;
    static final String SUBJECT = "room name";

    public RoomName {
        if (value == null) {
            throw new InvalidValueException(SUBJECT, "{} must not be empty");
        }
        value = value.strip();
        if (value.isEmpty()) {
            throw new InvalidValueException(SUBJECT, "{} must not be empty");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidValueException(SUBJECT, "{} must be at most " + MAX_LENGTH + " characters long");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(SUBJECT, "{} must not contain control characters");
        }
        if (value.chars().allMatch(Character::isDigit)) {
            // /ws/chat/{room} takes an id or a name: an all-digit name would be ambiguous
            throw new InvalidValueException(SUBJECT, "{} must not consist of digits only");
        }
    }

    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
