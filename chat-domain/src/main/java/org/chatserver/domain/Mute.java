package org.chatserver.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A member who may not post in a room until {@code until}: they still read, react and watch. */
public record Mute(RoomId roomId, UserId userId, Instant until, UserId mutedBy, Instant at) {

    /** The longest mute: 30 days. Longer is what a ban is for. */
    public static final int MAX_MINUTES = 30 * 24 * 60;

    public Mute {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(mutedBy, "mutedBy");
        Objects.requireNonNull(at, "at");
    }

    public boolean isActiveAt(Instant now) {
        return now.isBefore(until);
    }

    /** A muted member's post is refused until the mute ends. */
    public void checkMayPost(Instant now) {
        if (isActiveAt(now)) {
            throw new RuleViolation.NotPermitted("You are muted in this room until "
                    + until.truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /** How long a mute lasts, checked like any value a client sends. */
    static void checkMinutes(int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw new InvalidValueException("mute length", "{} must be between 1 and " + MAX_MINUTES + " minutes");
        }
    }
}
