package org.chatserver.domain;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Trimmed, 1 to 64 characters, something visible among them, no control or invisible formatting
 * characters, not digits only. Two names that look alike are one name: {@link #key()} is what
 * uniqueness and look-ups compare, because clients also join rooms by name ({@code /ws/chat/general}).
 */
public record RoomName(String value) {

    public static final int MAX_LENGTH = 64;
    static final String SUBJECT = "room name";

    public RoomName {
        if (value == null) {
            throw new InvalidValueException(SUBJECT, "{} must not be empty");
        }
        value = stripSpaces(value);
        if (value.isEmpty()) {
            throw new InvalidValueException(SUBJECT, "{} must not be empty");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidValueException(SUBJECT, "{} must be at most " + MAX_LENGTH + " characters long");
        }
        UnicodeText.requireWellFormed(SUBJECT, value);
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(SUBJECT, "{} must not contain control characters");
        }
        if (value.codePoints().anyMatch(RoomName::isHiddenFormatting)) {
            // zero-width spaces and joiners, bidi overrides, BOM, soft hyphens: two names that look the
            // same, or one that reads backwards
            throw new InvalidValueException(SUBJECT, "{} must not contain invisible formatting characters");
        }
        if (UnicodeText.showsNothing(value)) {
            throw new InvalidValueException(SUBJECT, "{} must contain a visible character");
        }
        if (value.chars().allMatch(Character::isDigit)) {
            // /ws/chat/{room} takes an id or a name: an all-digit name would be ambiguous
            throw new InvalidValueException(SUBJECT, "{} must not consist of digits only");
        }
    }

    /**
     * What two names are compared by: compatibility-normalised (NFKC: {@code Ｇｅｎｅｒａｌ} is
     * {@code General}, {@code ﬁ} is {@code fi}), case-folded ({@code STRASSE} is {@code straße}),
     * without the letters, variation selectors and tags that draw nothing ({@code General} with a
     * U+034F, U+FE0F or U+3164 in it is {@code General}), and with every run of spaces one
     * space. Names in different scripts that merely look alike (a Cyrillic {@code а} for a Latin {@code a})
     * still differ. Rooms stored under an earlier key get this one by a migration ({@code RoomNameKeys}).
     */
    public String key() {
        String compatible = Normalizer.normalize(UnicodeText.withoutBlanks(value), Normalizer.Form.NFKC);
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        String normal = Normalizer.normalize(folded, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return stripSpaces(normal.replaceAll("[\\p{javaWhitespace}\\p{Z}]+", " "));
    }

    private static boolean isHiddenFormatting(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }

    /** Without leading and trailing white space of any kind, no-break spaces included. */
    private static String stripSpaces(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    @Override
    public String toString() {
        return value;
    }
}
