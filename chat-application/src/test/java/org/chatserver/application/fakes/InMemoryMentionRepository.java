package org.chatserver.application.fakes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.chatserver.application.port.out.message.MentionRepository;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.UserId;

/** Thread-safe in-memory {@link MentionRepository}; the counters live with the members of the room fake. */
public final class InMemoryMentionRepository implements MentionRepository {

    private final InMemoryRoomRepository rooms;
    private final MessageRepository messages;
    private final List<Row> rows = new ArrayList<>();

    public InMemoryMentionRepository(InMemoryRoomRepository rooms, MessageRepository messages) {
        this.rooms = rooms;
        this.messages = messages;
    }

    private record Row(UserId user, RoomId room, MessageId message) {
    }

    @Override
    public synchronized List<RoomMember> record(Message message, Collection<UserId> users, boolean everyone) {
        Set<UserId> wanted = new HashSet<>(users);
        List<RoomMember> recorded = new ArrayList<>();
        for (RoomMember member : rooms.members(message.roomId(), Integer.MAX_VALUE)) {
            UserId user = member.userId();
            if (user.equals(message.senderId()) || !(everyone || wanted.contains(user))
                    || rows.contains(new Row(user, message.roomId(), message.id()))) {
                continue;
            }
            rows.add(new Row(user, message.roomId(), message.id()));
            if (!covers(message.roomId(), user, message.id())) {
                rooms.setMentionCount(message.roomId(), user, n -> n + 1);
            }
            recorded.add(member);
        }
        return recorded;
    }

    private boolean covers(RoomId room, UserId user, MessageId message) {
        return rooms.lastRead(room, user).filter(read -> read.compareTo(message) >= 0).isPresent();
    }

    @Override
    public synchronized void forget(MessageId message) {
        for (Row row : List.copyOf(rows)) {
            if (row.message().equals(message)) {
                if (!covers(row.room(), row.user(), message)) {
                    rooms.setMentionCount(row.room(), row.user(), n -> n - 1);
                }
                rows.remove(row);
            }
        }
    }

    @Override
    public synchronized void recount(RoomId room, UserId user) {
        long unread = rows.stream()
                .filter(r -> r.user().equals(user) && r.room().equals(room) && !covers(room, user, r.message()))
                .count();
        rooms.setMentionCount(room, user, n -> unread);
    }

    @Override
    public synchronized List<Message> mentionsOf(UserId user, MessageId before, int limit) {
        return rows.stream()
                .filter(r -> r.user().equals(user))
                .filter(r -> before == null || r.message().compareTo(before) < 0)
                .filter(r -> rooms.membership(r.room(), user).isPresent())
                .sorted(Comparator.comparing(Row::message).reversed())
                .map(r -> messages.findById(r.message()).orElseThrow())
                .filter(m -> !m.deleted())
                .limit(Math.max(limit, 0))
                .toList();
    }
}
