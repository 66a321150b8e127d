package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.MESSAGES;
import static org.chatserver.adapter.persistence.generated.Tables.MESSAGE_EDITS;
import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;
import static org.chatserver.adapter.persistence.generated.Tables.ROOM_CHANGES;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.noCondition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.MessageVersion;
import org.chatserver.domain.PinnedMessage;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.SearchText;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.SortField;

/**
 * Messages. {@link #append} and {@link #recordChange} give the per-room ordering the port promises only
 * inside the caller's transaction: on PostgreSQL they lock the room row until commit; on SQLite the
 * IMMEDIATE transactions of the URL convention serialise all writers. Every other change of a message
 * (edit, deletion, pin) takes the same lock before touching a message row, so that all writers of a
 * room lock in one order (room, then messages) and never deadlock: an edit holding its message while a
 * reply to it, holding the room, waits to count itself on that message would. Callers that write other
 * rows of a message (reactions) record the change first, for the same reason: a deletion holding the
 * room waits for the message's reaction rows.
 */
final class JooqMessageRepository implements MessageRepository {

    private final DSLContext dsl;

    JooqMessageRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    /**
     * What {@code messages.search_text} holds for a message with this content. Every statement that sets
     * {@code content} (or the file) sets {@code search_text} and {@code search_pairs} from these too, so
     * search follows posts, edits and deletions in the same transaction (V9; {@link JooqMessageSearch}).
     */
    static String searchText(MessageDraft draft) {
        return SearchText.of(draft);
    }

    /** What {@code messages.search_pairs} holds for a message with this content; see {@link #searchText}. */
    static String searchPairs(MessageDraft draft) {
        return SearchText.pairsOf(SearchText.of(draft));
    }

    @Override
    public Appended append(RoomId room, UserId sender, MessageDraft draft, Mentions mentions, MessageId replyTo,
                           String clientId, Instant now) {
        lockRoom(room);
        // under the room lock nobody else appends to this room before we commit
        MessageId previous = latestId(room).orElse(null);
        Attachment attachment = draft.attachment();
        var insert = dsl.insertInto(MESSAGES)
                .set(MESSAGES.ROOM_ID, room.value())
                .set(MESSAGES.SENDER_ID, sender.value())
                .set(MESSAGES.CONTENT, draft.text().value())
                .set(MESSAGES.SEARCH_TEXT, searchText(draft))
                .set(MESSAGES.SEARCH_PAIRS, searchPairs(draft))
                .set(MESSAGES.MESSAGE_TYPE, draft.type().name())
                .set(MESSAGES.FILE_NAME, attachment == null ? null : attachment.fileName())
                .set(MESSAGES.FILE_DISPLAY_NAME, attachment == null ? null : attachment.displayName())
                .set(MESSAGES.FILE_SIZE, attachment == null ? null : attachment.size())
                .set(MESSAGES.MIME_TYPE, attachment == null ? null : attachment.mimeType())
                .set(MESSAGES.CLIENT_ID, clientId)
                .set(MESSAGES.MENTIONS, MessageRows.mentionsColumn(mentions))
                .set(MESSAGES.REPLY_TO_ID, replyTo == null ? null : replyTo.value())
                .set(MESSAGES.CREATED_AT, now.truncatedTo(ChronoUnit.MILLIS));
        if (replyTo != null) {
            requireOfRoom(replyTo, room);
        }
        if (clientId == null) {
            Long id = SqlErrors.refusingUnknown(() -> insert.returningResult(MESSAGES.ID).fetchOne(MESSAGES.ID),
                    () -> "no user with id " + sender + " or no room with id " + room);
            countReply(replyTo, 1);
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
        if (inserted == 1) {
            countReply(replyTo, 1);
        }
        var stored = findByClientId(sender, clientId).orElseThrow();
        return inserted == 1 ? new Appended(stored, previous, true) : new Appended(stored, null, false);
    }

    private void lockRoomOf(MessageId message) {
        dsl.select(MESSAGES.ROOM_ID).from(MESSAGES).where(MESSAGES.ID.eq(message.value()))
                .fetchOptional(MESSAGES.ROOM_ID)
                .ifPresent(room -> lockRoom(new RoomId(room)));
    }

    private void requireOfRoom(MessageId message, RoomId room) {
        if (!dsl.fetchExists(MESSAGES, MESSAGES.ID.eq(message.value()).and(MESSAGES.ROOM_ID.eq(room.value())))) {
            throw new IllegalArgumentException("no message " + message + " in room " + room);
        }
    }

    private void countReply(MessageId parent, int change) {
        if (parent != null) {
            dsl.update(MESSAGES)
                    .set(MESSAGES.REPLY_COUNT, MESSAGES.REPLY_COUNT.plus(change))
                    .where(MESSAGES.ID.eq(parent.value()))
                    .execute();
        }
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
    public List<Message> findByIds(java.util.Collection<MessageId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return MessageRows.select(dsl)
                .where(MESSAGES.ID.in(ids.stream().map(MessageId::value).distinct().toList()))
                .fetch(MessageRows::toMessage);
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

    @Override
    public boolean storeEdit(Message before, Message edited) {
        // every change of a room takes the room's lock first, so two changes never wait for each other's rows
        lockRoom(edited.roomId());
        Instant at = edited.editedAt().truncatedTo(ChronoUnit.MILLIS);
        // under the lock: the text it replaces as the store has it now, whatever the caller read; none
        // when a deletion committed since the caller read the message
        var replaced = dsl.select(MESSAGES.CONTENT).from(MESSAGES)
                .where(MESSAGES.ID.eq(edited.id().value()).and(MESSAGES.DELETED.isFalse()))
                .fetchOptional(MESSAGES.CONTENT);
        if (replaced.isEmpty()) {
            return false;
        }
        dsl.insertInto(MESSAGE_EDITS)
                .set(MESSAGE_EDITS.MESSAGE_ID, edited.id().value())
                .set(MESSAGE_EDITS.CONTENT, replaced.get())
                .set(MESSAGE_EDITS.REPLACED_AT, at)
                .execute();
        dsl.update(MESSAGES)
                .set(MESSAGES.CONTENT, edited.content().text().value())
                .set(MESSAGES.MESSAGE_TYPE, edited.content().type().name())
                .set(MESSAGES.EDITED_AT, at)
                .set(MESSAGES.MENTIONS, MessageRows.mentionsColumn(edited.mentions()))
                // the search index follows the text in the same transaction
                .set(MESSAGES.SEARCH_TEXT, searchText(edited.content()))
                .set(MESSAGES.SEARCH_PAIRS, searchPairs(edited.content()))
                .where(MESSAGES.ID.eq(edited.id().value()))
                .execute();
        return true;
    }

    @Override
    public List<MessageVersion> versions(MessageId id) {
        return dsl.select(MESSAGE_EDITS.CONTENT, MESSAGE_EDITS.REPLACED_AT)
                .from(MESSAGE_EDITS)
                .where(MESSAGE_EDITS.MESSAGE_ID.eq(id.value()))
                .orderBy(MESSAGE_EDITS.ID)
                .fetch(r -> new MessageVersion(new MessageText(r.value1()), r.value2()));
    }

    @Override
    public void storeDeletion(Message deleted) {
        lockRoom(deleted.roomId());
        long id = deleted.id().value();
        Long parent = dsl.select(MESSAGES.REPLY_TO_ID).from(MESSAGES)
                .where(MESSAGES.ID.eq(id).and(MESSAGES.DELETED.isFalse()))
                .fetchOptional(MESSAGES.REPLY_TO_ID).orElse(null);
        int changed = dsl.update(MESSAGES)
                .set(MESSAGES.CONTENT, "")
                .set(MESSAGES.MESSAGE_TYPE, MessageType.TEXT.name())
                .setNull(MESSAGES.FILE_NAME)
                .setNull(MESSAGES.FILE_DISPLAY_NAME)
                .setNull(MESSAGES.FILE_SIZE)
                .setNull(MESSAGES.MIME_TYPE)
                .setNull(MESSAGES.EDITED_AT)
                .setNull(MESSAGES.PINNED_AT)
                .setNull(MESSAGES.PINNED_BY)
                .set(MESSAGES.DELETED, true)
                .set(MESSAGES.MENTIONS, (String) null)
                // nothing of it stays searchable
                .set(MESSAGES.SEARCH_TEXT, "")
                .set(MESSAGES.SEARCH_PAIRS, "")
                .where(MESSAGES.ID.eq(id).and(MESSAGES.DELETED.isFalse()))
                .execute();
        dsl.deleteFrom(MESSAGE_EDITS).where(MESSAGE_EDITS.MESSAGE_ID.eq(id)).execute();
        if (changed == 1 && parent != null) {
            countReply(new MessageId(parent), -1);
        }
    }

    @Override
    public boolean carriesFile(String fileName) {
        return dsl.fetchExists(MESSAGES, MESSAGES.FILE_NAME.eq(fileName).and(MESSAGES.DELETED.isFalse()));
    }

    @Override
    public List<Message> repliesBefore(MessageId parent, MessageId before, int limit) {
        return replies(parent, before == null ? noCondition() : MESSAGES.ID.lt(before.value()), MESSAGES.ID.desc(),
                limit).reversed();
    }

    @Override
    public List<Message> repliesAfter(MessageId parent, MessageId after, int limit) {
        return replies(parent, after == null ? noCondition() : MESSAGES.ID.gt(after.value()), MESSAGES.ID.asc(), limit);
    }

    private List<Message> replies(MessageId parent, Condition beyondCursor, SortField<Long> direction, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return MessageRows.select(dsl)
                .where(MESSAGES.REPLY_TO_ID.eq(parent.value()))
                .and(beyondCursor)
                .orderBy(direction)
                .limit(limit)
                .fetch(MessageRows::toMessage);
    }

    @Override
    public boolean pin(MessageId id, UserId by, Instant now) {
        lockRoomOf(id);
        return dsl.update(MESSAGES)
                .set(MESSAGES.PINNED_AT, now.truncatedTo(ChronoUnit.MILLIS))
                .set(MESSAGES.PINNED_BY, by.value())
                .where(MESSAGES.ID.eq(id.value()).and(MESSAGES.PINNED_AT.isNull()).and(MESSAGES.DELETED.isFalse()))
                .execute() == 1;
    }

    @Override
    public boolean unpin(MessageId id) {
        lockRoomOf(id);
        return dsl.update(MESSAGES)
                .setNull(MESSAGES.PINNED_AT)
                .setNull(MESSAGES.PINNED_BY)
                .where(MESSAGES.ID.eq(id.value()).and(MESSAGES.PINNED_AT.isNotNull()))
                .execute() == 1;
    }

    @Override
    public List<PinnedMessage> pins(RoomId room, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var pinner = USERS.as("pinner");
        return MessageRows.select(dsl, pinner.USERNAME)
                .join(pinner).on(pinner.ID.eq(MESSAGES.PINNED_BY))
                .where(MESSAGES.ROOM_ID.eq(room.value()))
                .and(MESSAGES.PINNED_AT.isNotNull())
                .orderBy(MESSAGES.PINNED_AT.desc(), MESSAGES.ID.desc())
                .limit(limit)
                .fetch(r -> new PinnedMessage(MessageRows.toMessage(r), new Username(r.get(pinner.USERNAME)),
                        r.get(MESSAGES.PINNED_AT)));
    }

    @Override
    public RoomChange.Mark recordChange(RoomId room, RoomChange.Kind kind, MessageId message, UserId actor,
                                        ReactionType reaction, Instant now) {
        lockRoom(room);
        // under the room lock nobody else records a change of this room before we commit
        ChangeId previous = latestChange(room).orElse(null);
        Long id = SqlErrors.refusingUnknown(() -> dsl.insertInto(ROOM_CHANGES)
                        .set(ROOM_CHANGES.ROOM_ID, room.value())
                        .set(ROOM_CHANGES.MESSAGE_ID, message.value())
                        .set(ROOM_CHANGES.KIND, kind.name())
                        .set(ROOM_CHANGES.ACTOR_ID, actor.value())
                        .set(ROOM_CHANGES.REACTION_TYPE, reaction == null ? null : reaction.name())
                        .set(ROOM_CHANGES.AT, now.truncatedTo(ChronoUnit.MILLIS))
                        .returningResult(ROOM_CHANGES.ID)
                        .fetchOne(ROOM_CHANGES.ID),
                () -> "no user with id " + actor + " or no message with id " + message);
        return new RoomChange.Mark(new ChangeId(id), previous);
    }

    @Override
    public List<RoomChange> changesAfter(RoomId room, ChangeId after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return dsl.select(ROOM_CHANGES.fields())
                .select(USERS.USERNAME)
                .from(ROOM_CHANGES)
                .join(USERS).on(USERS.ID.eq(ROOM_CHANGES.ACTOR_ID))
                .where(ROOM_CHANGES.ROOM_ID.eq(room.value()))
                .and(after == null ? noCondition() : ROOM_CHANGES.ID.gt(after.value()))
                .orderBy(ROOM_CHANGES.ID)
                .limit(limit)
                .fetch(r -> new RoomChange(new ChangeId(r.get(ROOM_CHANGES.ID)), room,
                        RoomChange.Kind.valueOf(r.get(ROOM_CHANGES.KIND)), new MessageId(r.get(ROOM_CHANGES.MESSAGE_ID)),
                        new UserId(r.get(ROOM_CHANGES.ACTOR_ID)), new Username(r.get(USERS.USERNAME)),
                        r.get(ROOM_CHANGES.REACTION_TYPE) == null ? null
                                : ReactionType.valueOf(r.get(ROOM_CHANGES.REACTION_TYPE)),
                        r.get(ROOM_CHANGES.AT)));
    }

    @Override
    public Optional<ChangeId> latestChange(RoomId room) {
        Long id = dsl.select(max(ROOM_CHANGES.ID))
                .from(ROOM_CHANGES)
                .where(ROOM_CHANGES.ROOM_ID.eq(room.value()))
                .fetchOne(0, Long.class);
        return Optional.ofNullable(id).map(ChangeId::new);
    }

    @Override
    public Optional<ChangeId> changeOfPostAtOrBefore(RoomId room, MessageId message) {
        Long id = dsl.select(max(ROOM_CHANGES.ID))
                .from(ROOM_CHANGES)
                .where(ROOM_CHANGES.ROOM_ID.eq(room.value()))
                .and(ROOM_CHANGES.KIND.eq(RoomChange.Kind.POSTED.name()))
                .and(ROOM_CHANGES.MESSAGE_ID.le(message.value()))
                .fetchOne(0, Long.class);
        return Optional.ofNullable(id).map(ChangeId::new);
    }
}
