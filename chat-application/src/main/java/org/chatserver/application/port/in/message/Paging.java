package org.chatserver.application.port.in.message;

import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.MessageId;

/**
 * Which page of messages, in id order: with {@code after}, the oldest {@code limit} newer than it;
 * otherwise the newest {@code limit} older than {@code before} (or the newest of all).
 */
public record Paging(MessageId before, MessageId after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public Paging {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("page size", "{} must be between 1 and " + MAX_LIMIT);
        }
        if (before != null && after != null) {
            throw new InvalidValueException("page position", "give before or after, not both");
        }
    }

    /** The newest {@code limit} messages. */
    public static Paging newest(int limit) {
        return new Paging(null, null, limit);
    }
}
