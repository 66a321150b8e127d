package org.chatserver.domain;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Trimmed, 1 to 64 characters, something visible among them, no control or invisible formatting
 * characters, not digits only. Two names that look alike are one name: {@link #key()} is what
 * uniqueness and look-ups compare, because clients also join rooms by name ({@code /ws/chat/general}).
 */
public record RoomName(String value) {

    public static final int MAX_LENGTH = 64;
    static final String SUBJECT = "room name";
    /** Letters that show nothing: the Hangul fillers and the blank Braille pattern. */
    private static final Set<Integer> BLANK_LETTERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);

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
        if (value.codePoints().noneMatch(RoomName::isVisible)) {
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
     * and with every run of spaces one space. Names in different scripts that merely look alike
     * (a Cyrillic {@code а} for a Latin {@code a}) still differ.
     */
    public String key() {
        String compatible = Normalizer.normalize(value, Normalizer.Form.NFKC);
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        String normal = Normalizer.normalize(folded, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return stripSpaces(normal.replaceAll("[\\p{javaWhitespace}\\p{Z}]+", " "));
    }

    private static boolean isHiddenFormatting(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }

    /** Shows as something: a letter, digit, mark of punctuation or symbol that is not blank. */
    private static boolean isVisible(int codePoint) {
        if (BLANK_LETTERS.contains(codePoint)) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.SPACE_SEPARATOR, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.COMBINING_SPACING_MARK, Character.CONTROL, Character.FORMAT, Character.SURROGATE,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            // unassigned here may be a symbol newer than this JDK's Unicode tables: given the benefit of the doubt
            default -> true;
        };
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
