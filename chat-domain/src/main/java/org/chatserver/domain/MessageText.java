package org.chatserver.domain;

/** The text of a message: may be empty when a file carries the message, never null, bounded. */
public record MessageText(String value) {

    public static final int MAX_LENGTH = 4000;
    static final String SUBJECT = "message text";
    public static final MessageText EMPTY = new MessageText("");

    public MessageText {
        if (value == null) {
            value = "";
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidValueException(SUBJECT, "{} must be at most " + MAX_LENGTH + " characters long");
        }
        UnicodeText.requireWellFormed(SUBJECT, value);
        if (value.indexOf('\0') >= 0) {
            throw new InvalidValueException(SUBJECT, "{} must not contain NUL characters");
        }
    }

    public boolean isBlank() {
        return value.isBlank();
    }

    /**
     * Blank, or nothing a reader would see (zero-width spaces and joiners, bidirectional marks, Hangul fillers, the
     * blank Braille pattern, variation selectors, combining marks with no letter to sit on): what a new post or edit
     * may not be without a file, and no caption with one. Stored messages keep {@link #isBlank()}: one posted before
     * this rule still reads back.
     */
    public boolean showsNothing() {
        return UnicodeText.showsNothing(value);
    }

    /**
     * Refuses control characters other than tabs and line breaks (ESC, BEL, DEL, C1), which no one types and which
     * a terminal or a log would act on: for new posts and edits; a stored message that has one still reads back.
     */
    void checkTypeable() {
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
            throw new InvalidValueException(SUBJECT, "{} must not contain control characters other than tabs and"
                    + " line breaks");
        }
    }
}
