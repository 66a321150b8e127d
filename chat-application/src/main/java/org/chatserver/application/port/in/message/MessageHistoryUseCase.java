package org.chatserver.application.port.in.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;

/** Pages of a room's messages, always oldest first in id order. */
public interface MessageHistoryUseCase {

    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 200;

    /**
     * With {@code after}: the oldest {@code limit} newer than it; otherwise the newest {@code limit}
     * older than {@code before} (or the newest of all). {@code limit} 1 to {@value #MAX_LIMIT}.
     */
    List<MessageView> page(AuthenticatedUser caller, RoomId room, MessageId before, MessageId after, int limit);
}
