package org.chatserver.domain;

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
        excerpt = UnicodeText.firstCodePoints(excerpt == null ? "" : excerpt, EXCERPT_LENGTH);
    }
}
