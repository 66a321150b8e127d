package org.chatserver.application.port.in.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.RoomId;

/** Pages of a room's messages, always oldest first in id order. */
public interface MessageHistoryUseCase {

    int DEFAULT_LIMIT = Paging.DEFAULT_LIMIT;
    int MAX_LIMIT = Paging.MAX_LIMIT;

    List<MessageView> page(AuthenticatedUser caller, RoomId room, Paging paging);
}
