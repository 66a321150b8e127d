package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/** A message pinned in its room: by whom and since when. */
public record PinnedMessage(Message message, Username pinnedBy, Instant pinnedAt) {

    /** The most pins a room holds: its pin list shows them all, so one more is refused rather than lost off its end. */
    public static final int MAX_PER_ROOM = 100;

    public PinnedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(pinnedBy, "pinnedBy");
        Objects.requireNonNull(pinnedAt, "pinnedAt");
    }

    /** Refuses a new pin in a room that already holds {@code pinned} pins, when that is the most it holds. */
    public static void checkRoomForAnother(int pinned) {
        if (pinned >= MAX_PER_ROOM) {
            throw new RuleViolation.Conflict("A room holds at most " + MAX_PER_ROOM + " pinned messages: unpin one first");
        }
    }
}
