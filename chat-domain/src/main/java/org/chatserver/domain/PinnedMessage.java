package org.chatserver.domain;

import java.time.Instant;
import java.util.Objects;

/** A message pinned in its room: by whom and since when. */
public record PinnedMessage(Message message, Username pinnedBy, Instant pinnedAt) {

    public PinnedMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(pinnedBy, "pinnedBy");
        Objects.requireNonNull(pinnedAt, "pinnedAt");
    }
}
