package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's presence across every node, and when they were last seen: for someone connected, now;
 * for someone offline, when their last connection ended; null when never seen.
 */
public record UserPresence(PresenceStatus status, Instant lastSeen) {

    public static final UserPresence NEVER_SEEN = new UserPresence(PresenceStatus.OFFLINE, null);

    public UserPresence {
        Objects.requireNonNull(status, "status");
    }
}
