package org.chatserver.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * 3 to 32 characters from ASCII letters, digits, {@code _ . -}. ASCII only on purpose: look-alike
 * letters from other scripts would let one user pass for another. Unique ignoring case, so
 * {@link #canonical()} is what look-ups use; and unique by {@link #lookAlikeKey()}, so that no new name reads as one
 * taken in the fonts chat clients use ({@code aIice} beside {@code alice}).
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

    /**
     * What the name looks like, ignoring case: a capital I, a one and an l are one letter here (most sans-serif fonts draw
     * them alike), a zero and an O another, and {@code rn} reads as {@code m}, {@code vv} as {@code w}. Two names with
     * the same key would pass for each other in a member list; the second is refused at sign-up.
     */
    public String lookAlikeKey() {
        String letters = value.replace('I', 'l').replace('1', 'l').replace('0', 'o').toLowerCase(Locale.ROOT);
        return letters.replace("rn", "m").replace("vv", "w");
    }

    public boolean sameAs(Username other) {
        return canonical().equals(other.canonical());
    }

    @Override
    public String toString() {
        return value;
    }
}
