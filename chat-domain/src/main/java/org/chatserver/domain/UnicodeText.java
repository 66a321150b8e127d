package org.chatserver.domain;

/**
 * Rules for text that people type. A Java string may hold half of a UTF-16 surrogate pair (a JSON string can escape
 * one, {@code "\ud800"}), which no UTF-8 can write: a database would store it as {@code ?}, quietly changing the
 * text, and two passwords made of such halves would be one password.
 */
final class UnicodeText {

    private UnicodeText() {
    }

    /** Refuses text with a high surrogate not followed by a low one, or a low one without a high one before it. */
    static void requireWellFormed(String subject, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidValueException(subject, "{} must not contain unpaired surrogates (half of a UTF-16 pair)");
            }
        }
    }
}
