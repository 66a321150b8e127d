package org.chatserver.application.port.in.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;

/** Pages of a room's messages, always oldest first in id order. */
public interface MessageHistoryUseCase {

    int DEFAULT_LIMIT = Paging.DEFAULT_LIMIT;
    int MAX_LIMIT = Paging.MAX_LIMIT;

    List<MessageView> page(AuthenticatedUser caller, RoomId room, Paging paging);

    /** A page of the replies to a message of the room, with the same paging rules. */
    List<MessageView> replies(AuthenticatedUser caller, RoomId room, MessageId parent, Paging paging);
}
