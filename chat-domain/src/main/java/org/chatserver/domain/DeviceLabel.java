package org.chatserver.domain;

import java.util.Optional;

/**
 * What a user is shown to recognise one of their sessions in a list of their devices ("Chrome on Linux", "Safari on
 * iOS"): at most {@value #MAX_LENGTH} characters, something visible among them, no control or formatting characters.
 * Short on purpose: it is a hint, never the client's whole self-description, which is not worth keeping (and is a
 * good part of a fingerprint).
 */
public record DeviceLabel(String value) {

    public static final int MAX_LENGTH = 60;
    static final String SUBJECT = "device label";

    public DeviceLabel {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(SUBJECT, "{} must not be empty");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidValueException(SUBJECT, "{} must be at most " + MAX_LENGTH + " characters long");
        }
        UnicodeText.requireWellFormed(SUBJECT, value);
        if (value.codePoints().anyMatch(DeviceLabel::isHidden)) {
            throw new InvalidValueException(SUBJECT, "{} must not contain control or formatting characters");
        }
        if (UnicodeText.showsNothing(value)) {
            throw new InvalidValueException(SUBJECT, "{} must contain a visible character");
        }
    }

    /**
     * A label from any text a client sent about itself: without control and formatting characters (a tab or a right
     * to left override in a header shows as garbage or reverses what follows), runs of spaces made one, cut to
     * {@value #MAX_LENGTH} characters where a character as shown ends. Empty when nothing visible is left.
     */
    public static Optional<DeviceLabel> cut(String text) {
        if (text == null) {
            return Optional.empty();
        }
        StringBuilder kept = new StringBuilder(Math.min(text.length(), 4 * MAX_LENGTH));
        boolean space = false;
        for (int i = 0; i < text.length() && kept.length() < 4 * MAX_LENGTH; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
            } else if (!isHidden(c) && Character.getType(c) != Character.SURROGATE) {
                if (space && !kept.isEmpty()) {
                    kept.append(' ');
                }
                space = false;
                kept.appendCodePoint(c);
            }
        }
        String label = UnicodeText.firstCodePoints(kept.toString(), MAX_LENGTH).strip();
        return UnicodeText.showsNothing(label) ? Optional.empty() : Optional.of(new DeviceLabel(label));
    }

    private static boolean isHidden(int codePoint) {
        int type = Character.getType(codePoint);
        return Character.isISOControl(codePoint) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || UnicodeText.isBidiControl(codePoint);
    }
}
