package org.chatserver.application.service.message;

import java.util.List;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.MessageHistoryUseCase;
import org.chatserver.application.port.in.message.MessageView;
import org.chatserver.application.port.in.message.Paging;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.service.room.RoomAccess;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;

public final class MessageHistoryService implements MessageHistoryUseCase {

    private final MessageRepository messages;
    private final RoomAccess access;
    private final MessageViews views;
    private final RoomMessages roomMessages;

    public MessageHistoryService(MessageRepository messages, ReactionRepository reactions, RoomAccess access) {
        this.messages = messages;
        this.access = access;
        this.views = new MessageViews(reactions);
        this.roomMessages = new RoomMessages(messages, access);
    }

    @Override
    public List<MessageView> page(AuthenticatedUser caller, RoomId roomId, Paging paging) {
        Room room = access.visibleRoom(caller, roomId);
        List<Message> page = paging.after() != null
                ? messages.pageAfter(room.id(), paging.after(), paging.limit())
                : messages.pageBefore(room.id(), paging.before(), paging.limit());
        return views.of(page, caller.userId());
    }

    @Override
    public List<MessageView> replies(AuthenticatedUser caller, RoomId roomId, MessageId parent, Paging paging) {
        Message message = roomMessages.find(caller, roomId, parent).message();
        List<Message> page = paging.after() != null
                ? messages.repliesAfter(message.id(), paging.after(), paging.limit())
                : messages.repliesBefore(message.id(), paging.before(), paging.limit());
        return views.of(page, caller.userId());
    }
}
