package org.chatserver.domain;

import java.util.Objects;

/**
 * A message as a reply shows the message it answers: who wrote it and the start of its text (""
 * once it is deleted).
 */
public record MessageReference(MessageId id, Username sender, String excerpt) {

    /** How much of the parent's text a reply carries, in characters (code points). */
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
        return text.substring(0, text.offsetByCodePoints(0, EXCERPT_LENGTH));
    }
}
