package org.chatserver.application.port.out.message;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;

public interface MessageRepository {

    /**
     * Stores a message. Appends to one room are serialised until commit, so within a room ids
     * grow in commit order and {@code previous} is the message right before this one. When the
     * sender already stored a message with the same non-null {@code clientId}, nothing is
     * stored and that message comes back with {@code created = false}.
     */
    Appended append(RoomId room, UserId sender, MessageDraft draft, String clientId, Instant now);

    Optional<Message> findById(MessageId id);

    /** The newest {@code limit} messages older than {@code before} (null: of all), oldest first. */
    List<Message> pageBefore(RoomId room, MessageId before, int limit);

    /** The oldest {@code limit} messages newer than {@code after} (null: from the start), oldest first. */
    List<Message> pageAfter(RoomId room, MessageId after, int limit);

    Optional<MessageId> latestId(RoomId room);

    /** Messages of the room with {@code after < id <= upTo} (after null: from the start) not sent by {@code notFrom}. */
    long countBetween(RoomId room, MessageId after, MessageId upTo, UserId notFrom);

    /** @param previous the room's message before this one, null for the first */
    record Appended(Message message, MessageId previous, boolean created) {
    }
}
