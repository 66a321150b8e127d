package org.chatserver.application.port.in.message;

import java.time.Instant;
import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.PinnedMessage;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.Username;

/** The room's owner and moderators pin messages for everyone to find. */
public interface PinMessageUseCase {

    int MAX_PINS = PinnedMessage.MAX_PER_ROOM;

    /**
     * Pins the message and tells the room; pinning a pinned message changes nothing. A room holds at most
     * {@value #MAX_PINS} pins: one more is refused (a {@code Conflict}).
     */
    PinnedView pin(AuthenticatedUser caller, PinCommand command);

    /** Unpins the message and tells the room; unpinning one that is not pinned changes nothing. */
    void unpin(AuthenticatedUser caller, PinCommand command);

    /** The room's pinned messages, the newest pin first (at most {@value #MAX_PINS}). */
    List<PinnedView> pins(AuthenticatedUser caller, RoomId room);

    /** @param origin the connection it came from (null: none) */
    record PinCommand(RoomId room, MessageId message, String origin) {

        public PinCommand {
            if (room == null || message == null) {
                throw new IllegalArgumentException("a pin needs a room and a message");
            }
        }
    }

    record PinnedView(MessageView message, Username pinnedBy, Instant pinnedAt) {
    }
}
