package org.chatserver.application.fakes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;

/** Thread-safe in-memory {@link MessageRepository}; one lock stands for the database's per-room serialisation. */
public final class InMemoryMessageRepository implements MessageRepository {

    private final UserRepository users;
    private final NavigableMap<Long, Message> byId = new TreeMap<>();
    private final Map<String, Message> byClientId = new HashMap<>();
    private long lastId;

    public InMemoryMessageRepository(UserRepository users) {
        this.users = users;
    }

    @Override
    public synchronized Appended append(RoomId room, UserId sender, MessageDraft draft, String clientId, Instant now) {
        if (clientId != null) {
            Message existing = byClientId.get(sender.value() + "/" + clientId);
            if (existing != null) {
                return new Appended(existing, null, false);
            }
        }
        User user = users.findById(sender).orElseThrow(() -> new IllegalArgumentException("unknown user " + sender));
        MessageId previous = latestId(room).orElse(null);
        Message message = new Message(new MessageId(++lastId), room, sender, user.username(), draft, clientId,
                now.truncatedTo(ChronoUnit.MILLIS));
        byId.put(message.id().value(), message);
        if (clientId != null) {
            byClientId.put(sender.value() + "/" + clientId, message);
        }
        return new Appended(message, previous, true);
    }

    @Override
    public synchronized Optional<Message> findById(MessageId id) {
        return Optional.ofNullable(byId.get(id.value()));
    }

    @Override
    public synchronized List<Message> pageBefore(RoomId room, MessageId before, int limit) {
        List<Message> page = new ArrayList<>();
        NavigableMap<Long, Message> older = before == null ? byId.descendingMap()
                : byId.headMap(before.value(), false).descendingMap();
        for (Message m : older.values()) {
            if (page.size() == limit) {
                break;
            }
            if (m.roomId().equals(room)) {
                page.add(m);
            }
        }
        return page.reversed();
    }

    @Override
    public synchronized List<Message> pageAfter(RoomId room, MessageId after, int limit) {
        List<Message> page = new ArrayList<>();
        NavigableMap<Long, Message> newer = after == null ? byId : byId.tailMap(after.value(), false);
        for (Message m : newer.values()) {
            if (page.size() == limit) {
                break;
            }
            if (m.roomId().equals(room)) {
                page.add(m);
            }
        }
        return page;
    }

    @Override
    public synchronized Optional<MessageId> latestId(RoomId room) {
        return byId.descendingMap().values().stream().filter(m -> m.roomId().equals(room)).findFirst().map(Message::id);
    }

    /** Every message, newest first: what {@link InMemoryMessageSearch} searches. */
    synchronized List<Message> newestFirst() {
        return List.copyOf(byId.descendingMap().values());
    }

    @Override
    public synchronized long countBetween(RoomId room, MessageId after, MessageId upTo, UserId notFrom) {
        long from = after == null ? 0 : after.value();
        if (upTo.value() <= from) {
            return 0;
        }
        return byId.subMap(from, false, upTo.value(), true).values().stream()
                .filter(m -> m.roomId().equals(room) && !m.senderId().equals(notFrom))
                .count();
    }
}
