package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * How far a member has read in a room: every message up to {@code lastRead} (ids grow within a
 * room), as of {@code readAt}. {@code readAt} is null for a position older than read receipts.
 */
public record ReadPosition(MessageId lastRead, Instant readAt) {

    public ReadPosition {
        Objects.requireNonNull(lastRead, "lastRead");
    }

    /** Whether the member has read {@code message} (of the same room). */
    public boolean covers(MessageId message) {
        return lastRead.compareTo(message) >= 0;
    }
}
