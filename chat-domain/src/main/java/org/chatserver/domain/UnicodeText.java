package org.chatserver.domain;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * Rules for text that people type, kept in one place. A Java string may hold half of a UTF-16 surrogate pair (a JSON
 * string can escape one, {@code "\ud800"}), which no UTF-8 can write: a database would store it as {@code ?}, quietly
 * changing the text, and two passwords made of such halves would be one password.
 */
public final class UnicodeText {

    private UnicodeText() {
    }

    /**
     * The characters that reorder what follows them (embeddings, overrides, isolates, and the implicit marks):
     * {@code U+202E} shows {@code "gnp.exe"} as {@code "exe.png"}.
     */
    static boolean isBidiControl(int codePoint) {
        return codePoint == 0x061C || codePoint == 0x200E || codePoint == 0x200F
                || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
    }

    /** The text without {@link #isBidiControl bidirectional controls}. */
    public static String withoutBidiControls(String text) {
        return without(text, UnicodeText::isBidiControl);
    }

    /** The text without the code points {@code left} says to leave out. */
    private static String without(String text, IntPredicate left) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(left.negate()).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /**
     * The start of {@code text}, at most {@code max} code points of it, ending where a character as shown ends (an
     * emoji sequence, a letter with its accents), never inside one. The text itself when it is no longer.
     */
    static String firstCodePoints(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int limit = text.offsetByCodePoints(0, max);
        int end = Shown.of(text).startOf(limit);
        // one "character" longer than what is kept (letters under a hundred marks): cut where the count ends
        return text.substring(0, end > 0 ? end : limit);
    }

    /**
     * The end of {@code text}, at most {@code max} code points (characters, as a database's {@code varchar} counts
     * them) of it, beginning where a character as shown begins: never with half of a surrogate pair (which no UTF-8
     * can store: it became {@code ?}), a lone accent or the second half of a family emoji. The text itself when it is
     * no longer.
     */
    public static String lastCodePoints(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        int start = text.offsetByCodePoints(text.length(), -max);
        int boundary = Shown.of(text).endOf(start);
        // one "character" longer than what is kept (a letter under hundreds of marks): cut where the count says
        return text.substring(boundary >= text.length() ? start : boundary);
    }

    /**
     * Where characters as shown begin and end in a text: an emoji sequence, a letter with its accents. Cutting or
     * marking a text at these never splits one.
     */
    record Shown(BreakIterator boundaries, int length) {

        /**
         * Text below U+0300 (no combining marks, joiners or surrogates) but for a carriage return (CR LF is one
         * character) has a boundary between every char.
         */
        static Shown of(String text) {
            if (text.chars().allMatch(c -> c < 0x300 && c != '\r')) {
                return new Shown(null, text.length());
            }
            BreakIterator boundaries = BreakIterator.getCharacterInstance(Locale.ROOT);
            boundaries.setText(text);
            return new Shown(boundaries, text.length());
        }

        /**
         * Whether one character as shown ends and the next begins at {@code at} (or the text does): false inside an
         * emoji sequence or before an accent, a joiner or a variation selector that belongs to the character before.
         */
        boolean isBoundary(int at) {
            return boundaries == null || at <= 0 || at >= length || boundaries.isBoundary(at);
        }

        /** {@code at}, or where the character as shown that it falls inside begins. */
        int startOf(int at) {
            if (isBoundary(at)) {
                return at;
            }
            return boundaries.preceding(at);
        }

        /** {@code at}, or where the character as shown that it falls inside ends. */
        int endOf(int at) {
            if (isBoundary(at)) {
                return at;
            }
            return boundaries.following(at);
        }
    }

    /**
     * Nothing a reader would see, whatever draws it: no {@link #isVisible visible} character. Message text and room
     * names go by this one rule.
     */
    static boolean showsNothing(String text) {
        return text.codePoints().noneMatch(UnicodeText::isVisible);
    }

    /**
     * Shows as something on its own: a letter, digit, mark of punctuation or symbol. Not spaces of any kind, line
     * breaks, control and invisible formatting characters, nor combining marks, which only show on a character
     * before them (a lone {@code U+0301} is an accent over nothing), nor the letters and symbols that draw blank.
     */
    static boolean isVisible(int codePoint) {
        if (isBlankLetter(codePoint) || isSelectorOrTag(codePoint)) {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.CONTROL, Character.FORMAT, Character.SURROGATE,
                 Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> false;
            // unassigned here may be a symbol newer than this JDK's Unicode tables: given the benefit of the doubt
            default -> true;
        };
    }

    /**
     * The text without the characters that draw nothing though they are letters, selectors or tags
     * ({@link #isBlankLetter}, {@link #isSelectorOrTag}): {@code General} with a U+034F inside shows as
     * {@code General}.
     */
    static String withoutBlanks(String text) {
        return without(text, c -> isBlankLetter(c) || isSelectorOrTag(c));
    }

    /**
     * Letters and symbols that draw nothing: the Hangul fillers ({@code U+115F}, {@code U+1160}, {@code U+3164},
     * {@code U+FFA0}), the blank Braille pattern {@code U+2800}, the Khmer inherent vowels {@code U+17B4} and
     * {@code U+17B5}, the combining grapheme joiner {@code U+034F}.
     */
    private static boolean isBlankLetter(int codePoint) {
        return codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
                || codePoint == 0x2800 || codePoint == 0x17B4 || codePoint == 0x17B5 || codePoint == 0x034F;
    }

    /**
     * Variation selectors (the emoji or text form of the character before them, Mongolian forms) and tag characters
     * (the subdivision flags' letters), listed whole: the unassigned ones among the tags would otherwise count as
     * visible.
     */
    private static boolean isSelectorOrTag(int codePoint) {
        return (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0x180B && codePoint <= 0x180F)
                || (codePoint >= 0xE0100 && codePoint <= 0xE01EF) || (codePoint >= 0xE0000 && codePoint <= 0xE007F);
    }

    /** Refuses text with a high surrogate not followed by a low one, or a low one without a high one before it. */
    static void requireWellFormed(String subject, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidValueException(subject,
                        "{} must not contain unpaired surrogates (half of a UTF-16 pair)");
            }
        }
    }
}
