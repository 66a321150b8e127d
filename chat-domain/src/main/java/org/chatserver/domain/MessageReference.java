package org.chatserver.domain;

import java.text.BreakIterator;
import java.util.Locale;
import java.util.Objects;

/**
 * A message as a reply shows the message it answers: who wrote it and the start of its text (""
 * once it is deleted).
 */
public record MessageReference(MessageId id, Username sender, String excerpt) {

    /**
     * How much of the parent's text a reply carries, in characters (code points) at most: cut where one character as
     * shown ends (an emoji sequence, a letter with its accents), never inside one.
     */
    public static final int EXCERPT_LENGTH = 100;

    public MessageReference {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sender, "sender");
        excerpt = cut(excerpt == null ? "" : excerpt);
    }

    private static String cut(String text) {
        if (text.codePointCount(0, text.length()) <= EXCERPT_LENGTH) {
            return text;
        }
        int limit = text.offsetByCodePoints(0, EXCERPT_LENGTH);
        BreakIterator shown = BreakIterator.getCharacterInstance(Locale.ROOT);
        shown.setText(text);
        int end = shown.isBoundary(limit) ? limit : shown.preceding(limit);
        // one "character" longer than the excerpt (letters under a hundred marks): cut it where the count ends
        return text.substring(0, end > 0 ? end : limit);
    }
}
