package org.chatserver.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * 3 to 32 characters from ASCII letters, digits, {@code _ . -}. ASCII only on purpose: look-alike
 * letters from other scripts would let one user pass for another. Unique ignoring case, so
 * {@link #canonical()} is what uniqueness and look-ups use.
 */
public record Username(String value) {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 32;
    private static final String SUBJECT = "username";
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.\\-]+");

    public Username {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(SUBJECT, "{} must not be empty");
        }
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new InvalidValueException(SUBJECT,
                    "{} must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw new InvalidValueException(SUBJECT, "{} may contain only letters, digits, '_', '.' and '-'");
        }
    }

    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    public boolean sameAs(Username other) {
        return canonical().equals(other.canonical());
    }

    @Override
    public String toString() {
        return value;
    }
}
