package org.chatserver.application.service.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MessageHistoryUseCase;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;

public final class MessageHistoryService implements MessageHistoryUseCase {

    private final MessageRepository messages;
    private final RoomAccess access;
    private final MessageViews views;

    public MessageHistoryService(MessageRepository messages, ReactionRepository reactions, RoomAccess access) {
        this.messages = messages;
        this.access = access;
        this.views = new MessageViews(reactions);
    }

    @Override
    public List<MessageView> page(AuthenticatedUser caller, RoomId roomId, MessageId before, MessageId after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (before != null && after != null) {
            throw new InvalidValueException("before", "give before or after, not both");
        }
        Room room = access.visibleRoom(caller, roomId);
        List<Message> page = after != null
                ? messages.pageAfter(room.id(), after, limit)
                : messages.pageBefore(room.id(), before, limit);
        return views.of(page, caller.userId());
    }
}
