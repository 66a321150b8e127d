package org.chatserver.domain;

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
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> !isBidiControl(c)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** Nothing a reader would see: spaces of any kind, line breaks, control and invisible formatting characters. */
    static boolean showsNothing(String text) {
        return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
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
