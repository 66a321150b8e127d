package org.chatserver.domain;

import java.nio.charset.StandardCharsets;

/**
 * A password as typed. At least 8 characters, and at most 72 bytes of UTF-8: bcrypt ignores
 * everything past byte 72, so a longer password would be silently truncated. Never printed.
 */
public final class PlainPassword {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_BYTES = 72;
    private static final String SUBJECT = "password";

    private final String value;

    public PlainPassword(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException(SUBJECT, "{} must not be empty");
        }
        UnicodeText.requireWellFormed(SUBJECT, value);
        if (value.codePointCount(0, value.length()) < MIN_LENGTH) {
            throw new InvalidValueException(SUBJECT, "{} must be at least " + MIN_LENGTH + " characters long");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidValueException(SUBJECT, "{} must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
        this.value = value;
    }

    /** The characters, for the hasher only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "PlainPassword[***]";
    }
}
