package org.chatserver.application.port.out.notification;

import java.time.Instant;
import java.util.Objects;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/**
 * Why someone offline should look: they were mentioned, or sent a direct message.
 *
 * @param recipient     who is to be told
 * @param recipientName their username, so that a receiver need not look it up
 * @param sender        who mentioned them or wrote to them
 * @param preview       the start of the message's text, for a push notification's body (may be empty)
 * @param at            when the message was posted
 */
public record Notice(Kind kind, UserId recipient, Username recipientName, RoomId room, MessageId message,
                     Username sender, String preview, Instant at) {

    /** Longest preview passed on: a push notification shows a line or two. */
    public static final int MAX_PREVIEW = 200;

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(recipientName, "recipientName");
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(at, "at");
        preview = preview == null ? "" : preview.codePointCount(0, preview.length()) <= MAX_PREVIEW ? preview
                : preview.substring(0, preview.offsetByCodePoints(0, MAX_PREVIEW));
    }

    public enum Kind {
        /** {@code @username} (or {@code @room}) in a message of a room they are in */
        MENTION,
        /** a message in a direct-message room of two */
        DIRECT_MESSAGE
    }
}
