package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.MESSAGES;
import static org.chatserver.adapter.persistence.generated.Tables.MESSAGE_EDITS;
import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;
import static org.chatserver.adapter.persistence.generated.Tables.ROOM_CHANGES;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;
import static org.jooq.impl.DSL.noCondition;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
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
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.SortField;
import org.jooq.impl.DSL;

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

    private static final int ROOMS_PER_STATEMENT = 500;

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
        return appendAll(room, List.of(new NewMessage(sender, draft, mentions, replyTo, clientId)), now).getFirst();
    }

    /**
     * One multi-row insert for the whole batch, whatever its size, and one query reading it back: under the
     * room lock nobody else appends to this room before we commit, so the room's newest rows are exactly the
     * ones inserted, in the order given (ids are drawn row by row), and the row just below them is the message
     * before the batch. The insert's count (resends left out by the unique key are not counted) says how many
     * rows to read, one backward seek in {@code (room_id, id)}.
     */
    @Override
    public List<Appended> appendAll(RoomId room, List<NewMessage> batch, Instant now) {
        if (batch.isEmpty()) {
            return List.of();
        }
        lockRoom(room);
        return insertMessages(room, batch, now);
    }

    /**
     * {@link #appendAll}, then the changes of the messages it stored as {@link #recordChange} would log them: one
     * insert, and one backward seek reading back their ids and the change before them. One room lock for both, so
     * a batch of posts costs PostgreSQL one round trip fewer than the two steps taken on their own.
     */
    @Override
    public List<StoredPost> storePosts(RoomId room, List<NewMessage> batch, Instant now) {
        if (batch.isEmpty()) {
            return List.of();
        }
        lockRoom(room);
        List<Appended> appended = insertMessages(room, batch, now);
        Iterator<RoomChange.Mark> marks = insertPostChanges(room,
                appended.stream().filter(Appended::created).map(Appended::message).toList(), now).iterator();
        return appended.stream().map(a -> new StoredPost(a, a.created() ? marks.next() : null)).toList();
    }

    /** {@link #appendAll} under the room lock the caller holds. */
    private List<Appended> insertMessages(RoomId room, List<NewMessage> batch, Instant now) {
        // a clientId repeated within the batch is the first one's resend: it is not even offered to the insert
        Map<String, Integer> offeredWithClientId = new HashMap<>();
        List<NewMessage> offered = new ArrayList<>(batch.size());
        int[] slot = new int[batch.size()];
        boolean[] repeat = new boolean[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            NewMessage m = batch.get(i);
            Integer first = m.clientId() == null ? null
                    : offeredWithClientId.putIfAbsent(key(m.sender(), m.clientId()), offered.size());
            repeat[i] = first != null;
            slot[i] = repeat[i] ? first : offered.size();
            if (!repeat[i]) {
                offered.add(m);
            }
        }
        offered.stream().map(NewMessage::replyTo).filter(Objects::nonNull).distinct()
                .forEach(parent -> requireOfRoom(parent, room));
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        var insert = dsl.insertInto(MESSAGES).set(row(room, offered.getFirst(), at));
        for (NewMessage m : offered.subList(1, offered.size())) {
            insert = insert.newRecord().set(row(room, m, at));
        }
        // A resend (maybe to another room, so not held off by our lock) keeps its first copy by the unique key:
        // ON CONFLICT does nothing, where a caught unique violation would abort the caller's PostgreSQL
        // transaction. Rows are read back by room and id, not through RETURNING, whose SQLite emulation reports
        // only the last row of a multi-row insert.
        var statement = insert.onConflict(MESSAGES.SENDER_ID, MESSAGES.CLIENT_ID).doNothing();
        int rows = SqlErrors.refusingUnknown(statement::execute, () -> "no user with id " + offered.stream()
                .map(m -> m.sender().toString()).distinct().collect(Collectors.joining(", "))
                + " or no room with id " + room);
        List<Message> newest = rows == 0 ? List.of() : MessageRows.select(dsl)
                .where(MESSAGES.ROOM_ID.eq(room.value()))
                .orderBy(MESSAGES.ID.desc())
                .limit(rows + 1)
                .fetch(MessageRows::toMessage);
        Inserted<Message> read = Inserted.of(newest, rows);
        List<Message> inserted = read.rows();
        List<Appended> stored = new ArrayList<>(offered.size());
        int next = 0;
        MessageId previous = read.before() == null ? null : read.before().id();
        Map<Long, Integer> replies = new HashMap<>();
        for (NewMessage m : offered) {
            // rows come back in the order offered; one with a clientId that did not come back had a first copy
            Message row = next < inserted.size() ? inserted.get(next) : null;
            boolean isRow = row != null && row.senderId().equals(m.sender())
                    && Objects.equals(row.clientId(), m.clientId());
            if (m.clientId() == null && !isRow) {
                throw new IllegalStateException("message of " + m.sender() + " not found after its insert in " + room);
            }
            if (isRow) {
                next++;
                stored.add(new Appended(row, previous, true));
                previous = row.id();
                if (m.replyTo() != null) {
                    replies.merge(m.replyTo().value(), 1, Integer::sum);
                }
            } else {
                stored.add(null);
            }
        }
        replies.forEach((parent, count) -> countReply(new MessageId(parent), count));
        // a resend is answered with its first copy as this batch leaves it (counting a reply in the batch to it)
        for (int i = 0; i < offered.size(); i++) {
            if (stored.get(i) == null) {
                NewMessage m = offered.get(i);
                stored.set(i, new Appended(findByClientId(m.sender(), m.clientId()).orElseThrow(), null, false));
            }
        }
        List<Appended> answers = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Appended first = stored.get(slot[i]);
            answers.add(repeat[i] ? new Appended(first.message(), null, false) : first);
        }
        return answers;
    }

    /**
     * A room's newest rows as {@link #appendAll} and {@link #storePosts} read them back, at most one more than
     * they inserted, newest first: the inserted ones oldest first, and the row just before them, which the first
     * names as its previous (null in a room that had none).
     */
    private record Inserted<T>(T before, List<T> rows) {

        static <T> Inserted<T> of(List<T> newestFirst, int inserted) {
            List<T> oldestFirst = newestFirst.reversed();
            boolean hasBefore = oldestFirst.size() > inserted;
            return new Inserted<>(hasBefore ? oldestFirst.getFirst() : null,
                    oldestFirst.subList(hasBefore ? 1 : 0, oldestFirst.size()));
        }
    }

    private static String key(UserId sender, String clientId) {
        return sender.value() + "/" + clientId;
    }

    /** The columns of a new message's row. */
    private static Map<Field<?>, Object> row(RoomId room, NewMessage m, Instant at) {
        Attachment attachment = m.draft().attachment();
        Map<Field<?>, Object> row = new LinkedHashMap<>();
        row.put(MESSAGES.ROOM_ID, room.value());
        row.put(MESSAGES.SENDER_ID, m.sender().value());
        row.put(MESSAGES.CONTENT, m.draft().text().value());
        row.put(MESSAGES.SEARCH_TEXT, searchText(m.draft()));
        row.put(MESSAGES.SEARCH_PAIRS, searchPairs(m.draft()));
        row.put(MESSAGES.MESSAGE_TYPE, m.draft().type().name());
        row.put(MESSAGES.FILE_NAME, attachment == null ? null : attachment.fileName());
        row.put(MESSAGES.FILE_DISPLAY_NAME, attachment == null ? null : attachment.displayName());
        row.put(MESSAGES.FILE_SIZE, attachment == null ? null : attachment.size());
        row.put(MESSAGES.MIME_TYPE, attachment == null ? null : attachment.mimeType());
        row.put(MESSAGES.FILE_PREVIEW_NAME, attachment == null ? null : attachment.previewName());
        row.put(MESSAGES.CLIENT_ID, m.clientId());
        row.put(MESSAGES.MENTIONS, MessageRows.mentionsColumn(m.mentions()));
        row.put(MESSAGES.REPLY_TO_ID, m.replyTo() == null ? null : m.replyTo().value());
        row.put(MESSAGES.CREATED_AT, at);
        return row;
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

    @Override
    public Optional<Message> findByClientId(UserId sender, String clientId) {
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
        return dsl.fetchOptional(MessageRows.newestId(MESSAGES.ID, MESSAGES.ROOM_ID.eq(room.value())))
                .map(r -> new MessageId(r.value1()));
    }

    @Override
    public long countBetween(RoomId room, MessageId after, MessageId upTo, UserId notFrom) {
        return dsl.fetchCount(MESSAGES, MESSAGES.ROOM_ID.eq(room.value())
                .and(after == null ? noCondition() : MESSAGES.ID.gt(after.value()))
                .and(MESSAGES.ID.le(upTo.value()))
                .and(MESSAGES.SENDER_ID.ne(notFrom.value()))
                .and(MESSAGES.DELETED.isFalse()));
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
                .setNull(MESSAGES.FILE_PREVIEW_NAME)
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
    public void recordFileSize(String fileName, long size) {
        dsl.update(MESSAGES).set(MESSAGES.FILE_SIZE, size).where(MESSAGES.FILE_NAME.eq(fileName)).execute();
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
    public List<PinnedMessage> pinsToChange(RoomId room, int limit) {
        lockRoom(room);
        return pins(room, limit);
    }

    @Override
    public void lockToChange(RoomId room) {
        lockRoom(room);
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

    /** The POSTED changes of {@code posted} (stored, none a resend), under the room lock the caller holds. */
    private List<RoomChange.Mark> insertPostChanges(RoomId room, List<Message> posted, Instant now) {
        if (posted.isEmpty()) {
            return List.of();
        }
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        var insert = dsl.insertInto(ROOM_CHANGES, ROOM_CHANGES.ROOM_ID, ROOM_CHANGES.MESSAGE_ID, ROOM_CHANGES.KIND,
                ROOM_CHANGES.ACTOR_ID, ROOM_CHANGES.AT);
        for (Message m : posted) {
            insert = insert.values(room.value(), m.id().value(), RoomChange.Kind.POSTED.name(), m.senderId().value(), at);
        }
        SqlErrors.refusingUnknown(insert::execute, () -> "no room with id " + room + " or one of the messages is gone");
        List<Long> newest = dsl.select(ROOM_CHANGES.ID).from(ROOM_CHANGES)
                .where(ROOM_CHANGES.ROOM_ID.eq(room.value()))
                .orderBy(ROOM_CHANGES.ID.desc())
                .limit(posted.size() + 1)
                .fetch(ROOM_CHANGES.ID);
        if (newest.size() < posted.size()) {
            throw new IllegalStateException(newest.size() + " changes found after inserting " + posted.size() + " in " + room);
        }
        Inserted<Long> read = Inserted.of(newest, posted.size());
        List<RoomChange.Mark> marks = new ArrayList<>(posted.size());
        ChangeId previous = read.before() == null ? null : new ChangeId(read.before());
        for (Long id : read.rows()) {
            marks.add(new RoomChange.Mark(new ChangeId(id), previous));
            previous = new ChangeId(id);
        }
        return marks;
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
        return newestChange(ROOM_CHANGES.ROOM_ID.eq(room.value()));
    }

    /**
     * Each room's newest change is a backward seek in {@code room_changes (room_id, id)}, as for {@link #latestChange},
     * the rooms found through their primary key; at most {@value #ROOMS_PER_STATEMENT} rooms per statement, far below
     * either database's limit on parameters.
     */
    @Override
    public Map<RoomId, ChangeId> latestChanges(Collection<RoomId> rooms) {
        List<Long> ids = rooms.stream().map(RoomId::value).distinct().toList();
        Field<Long> newest = DSL.field(MessageRows.newestId(ROOM_CHANGES.ID, ROOM_CHANGES.ROOM_ID.eq(ROOMS.ID)));
        Map<RoomId, ChangeId> latest = new HashMap<>();
        for (int from = 0; from < ids.size(); from += ROOMS_PER_STATEMENT) {
            dsl.select(ROOMS.ID, newest).from(ROOMS)
                    .where(ROOMS.ID.in(ids.subList(from, Math.min(ids.size(), from + ROOMS_PER_STATEMENT))))
                    .fetch()
                    .forEach(r -> {
                        if (r.value2() != null) {
                            latest.put(new RoomId(r.value1()), new ChangeId(r.value2()));
                        }
                    });
        }
        return latest;
    }

    @Override
    public Optional<RoomId> roomOfChange(ChangeId change) {
        return dsl.select(ROOM_CHANGES.ROOM_ID).from(ROOM_CHANGES).where(ROOM_CHANGES.ID.eq(change.value()))
                .fetchOptional(ROOM_CHANGES.ROOM_ID).map(RoomId::new);
    }

    @Override
    public Optional<ChangeId> changeOfPostAtOrBefore(RoomId room, MessageId message) {
        return newestChange(ROOM_CHANGES.ROOM_ID.eq(room.value())
                .and(ROOM_CHANGES.KIND.eq(RoomChange.Kind.POSTED.name()))
                .and(ROOM_CHANGES.MESSAGE_ID.le(message.value())));
    }

    private Optional<ChangeId> newestChange(Condition which) {
        return dsl.fetchOptional(MessageRows.newestId(ROOM_CHANGES.ID, which)).map(r -> new ChangeId(r.value1()));
    }
}
