package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.MESSAGES;
import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.noCondition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.SearchText;
import org.chatserver.domain.UserId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.SortField;

/**
 * Messages. {@link #append} gives the per-room ordering the port promises only inside the caller's
 * transaction: on PostgreSQL it locks the room row until commit; on SQLite the IMMEDIATE transactions of
 * the URL convention serialise all writers.
 */
final class JooqMessageRepository implements MessageRepository {

    private final DSLContext dsl;

    JooqMessageRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public Appended append(RoomId room, UserId sender, MessageDraft draft, String clientId, Instant now) {
        lockRoom(room);
        // under the room lock nobody else appends to this room before we commit
        MessageId previous = latestId(room).orElse(null);
        Attachment attachment = draft.attachment();
        var insert = dsl.insertInto(MESSAGES)
                .set(MESSAGES.ROOM_ID, room.value())
                .set(MESSAGES.SENDER_ID, sender.value())
                .set(MESSAGES.CONTENT, draft.text().value())
                .set(MESSAGES.SEARCH_TEXT, searchText(draft))
                .set(MESSAGES.MESSAGE_TYPE, draft.type().name())
                .set(MESSAGES.FILE_NAME, attachment == null ? null : attachment.fileName())
                .set(MESSAGES.FILE_DISPLAY_NAME, attachment == null ? null : attachment.displayName())
                .set(MESSAGES.FILE_SIZE, attachment == null ? null : attachment.size())
                .set(MESSAGES.MIME_TYPE, attachment == null ? null : attachment.mimeType())
                .set(MESSAGES.CLIENT_ID, clientId)
                .set(MESSAGES.CREATED_AT, now.truncatedTo(ChronoUnit.MILLIS));
        if (clientId == null) {
            Long id = SqlErrors.refusingUnknown(() -> insert.returningResult(MESSAGES.ID).fetchOne(MESSAGES.ID),
                    () -> "no user with id " + sender + " or no room with id " + room);
            return new Appended(findById(new MessageId(id)).orElseThrow(), previous, true);
        }
        // A resend (maybe to another room, so not held off by our lock) finds its first copy by the unique
        // key: ON CONFLICT does nothing, where a caught unique violation would abort the caller's PostgreSQL
        // transaction. Inserting first and reading back by the key costs one statement less than looking
        // first, on the path every message takes. The row is read back by its key, not through RETURNING,
        // whose SQLite emulation reports a stale id when nothing was inserted.
        int inserted = SqlErrors.refusingUnknown(
                () -> insert.onConflict(MESSAGES.SENDER_ID, MESSAGES.CLIENT_ID).doNothing().execute(),
                () -> "no user with id " + sender + " or no room with id " + room);
        var stored = findByClientId(sender, clientId).orElseThrow();
        return inserted == 1 ? new Appended(stored, previous, true) : new Appended(stored, null, false);
    }

    /**
     * What {@code messages.search_text} holds for a message with this content. Every statement that sets
     * {@code content} (or the file) sets {@code search_text} from this too, so search follows posts, edits
     * and deletions in the same transaction (V9; {@link JooqMessageSearch}).
     */
    static String searchText(MessageDraft draft) {
        return SearchText.of(draft);
    }

    private void lockRoom(RoomId room) {
        if (dsl.dialect().family() != SQLDialect.POSTGRES) {
            // SQLite has no row locks and needs none (see the class comment); an unknown room is
            // refused by the insert's foreign key
            return;
        }
        // NO KEY UPDATE, not UPDATE: it must not wait for the key-share locks that inserting a member or a
        // message of the room takes through their foreign keys, or two posters joining at once deadlock.
        var found = dsl.select(ROOMS.ID).from(ROOMS).where(ROOMS.ID.eq(room.value())).forNoKeyUpdate().fetchOptional();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no room with id " + room);
        }
    }

    private Optional<Message> findByClientId(UserId sender, String clientId) {
        return MessageRows.select(dsl)
                .where(MESSAGES.SENDER_ID.eq(sender.value()))
                .and(MESSAGES.CLIENT_ID.eq(clientId))
                .fetchOptional(MessageRows::toMessage);
    }

    @Override
    public Optional<Message> findById(MessageId id) {
        return MessageRows.select(dsl)
                .where(MESSAGES.ID.eq(id.value()))
                .fetchOptional(MessageRows::toMessage);
    }

    @Override
    public List<Message> pageBefore(RoomId room, MessageId before, int limit) {
        return seek(room, before == null ? noCondition() : MESSAGES.ID.lt(before.value()), MESSAGES.ID.desc(), limit)
                .reversed();
    }

    @Override
    public List<Message> pageAfter(RoomId room, MessageId after, int limit) {
        return seek(room, after == null ? noCondition() : MESSAGES.ID.gt(after.value()), MESSAGES.ID.asc(), limit);
    }

    /** A keyset page on {@code messages (room_id, id)}: cost independent of how deep into the history it is. */
    private List<Message> seek(RoomId room, Condition beyondCursor, SortField<Long> direction, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return MessageRows.select(dsl)
                .where(MESSAGES.ROOM_ID.eq(room.value()))
                .and(beyondCursor)
                .orderBy(direction)
                .limit(limit)
                .fetch(MessageRows::toMessage);
    }

    @Override
    public Optional<MessageId> latestId(RoomId room) {
        Long id = dsl.select(max(MESSAGES.ID))
                .from(MESSAGES)
                .where(MESSAGES.ROOM_ID.eq(room.value()))
                .fetchOne(0, Long.class);
        return Optional.ofNullable(id).map(MessageId::new);
    }

    @Override
    public long countBetween(RoomId room, MessageId after, MessageId upTo, UserId notFrom) {
        return dsl.fetchCount(MESSAGES, MESSAGES.ROOM_ID.eq(room.value())
                .and(after == null ? noCondition() : MESSAGES.ID.gt(after.value()))
                .and(MESSAGES.ID.le(upTo.value()))
                .and(MESSAGES.SENDER_ID.ne(notFrom.value())));
    }
}
