package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An earlier text of an edited message.
 *
 * @param replacedAt when an edit replaced it
 */
public record MessageVersion(MessageText text, Instant replacedAt) {

    public MessageVersion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(replacedAt, "replacedAt");
    }
}
