package org.chatserver.application.fakes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.search.MessageSearch;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.SearchQuery;
import org.chatserver.domain.SearchText;

/** {@link MessageSearch} over the in-memory messages: every message's search text, tested one by one. */
public final class InMemoryMessageSearch implements MessageSearch {

    private final InMemoryMessageRepository messages;
    private final RoomRepository rooms;

    public InMemoryMessageSearch(InMemoryMessageRepository messages, RoomRepository rooms) {
        this.messages = messages;
        this.rooms = rooms;
    }

    @Override
    public List<Message> search(SearchQuery query, Scope scope, MessageId before, int limit) {
        Map<RoomId, Boolean> visible = new HashMap<>();
        List<Message> found = new ArrayList<>();
        for (Message message : messages.newestFirst()) {
            if (found.size() == limit) {
                break;
            }
            if ((before == null || message.id().value() < before.value())
                    && (scope.room() == null || scope.room().equals(message.roomId()))
                    && (scope.sender() == null || scope.sender().equals(message.senderId()))
                    && notDeleted(message)
                    && visible.computeIfAbsent(message.roomId(), room -> isVisible(room, scope))
                    && query.matches(SearchText.of(message.content()))) {
                found.add(message);
            }
        }
        return found;
    }

    private boolean isVisible(RoomId room, Scope scope) {
        return rooms.findById(room)
                .map(r -> r.isVisibleTo(rooms.membership(room, scope.viewer())))
                .orElse(false);
    }

    /** NOT DELETED: the one place search leaves deleted messages out. */
    private static boolean notDeleted(Message message) {
        return !message.deleted();
    }
}
