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

    /**
     * Whether this tells what {@code other} tells: the same status, and for someone offline the same last sighting.
     * Someone connected is seen "now", whenever that is read, so two readings of one unchanged status differ in
     * {@code lastSeen} alone and tell nothing new.
     */
    public boolean tellsTheSameAs(UserPresence other) {
        return other != null && status == other.status()
                && (status != PresenceStatus.OFFLINE || Objects.equals(lastSeen, other.lastSeen()));
    }
}
