package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.MESSAGES;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;

import java.util.List;
import java.util.stream.Stream;
import org.chatserver.adapter.persistence.generated.tables.Messages;
import org.chatserver.adapter.persistence.generated.tables.Users;
import org.chatserver.adapter.persistence.generated.tables.records.MessagesRecord;
import org.chatserver.domain.Attachment;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageReference;
import org.chatserver.domain.MessageText;
import org.chatserver.domain.MessageType;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.SelectLimitPercentStep;
import org.jooq.SelectOnConditionStep;
import org.jooq.SelectSelectStep;
import org.jooq.TableField;
import org.jooq.WithStep;
import org.jooq.impl.DSL;

/**
 * Reading messages with their sender's name and, for a reply, the message it answers as that one is
 * now: shared by the message and the room repository.
 */
final class MessageRows {

    private static final Messages PARENT = MESSAGES.as("parent");
    private static final Users PARENT_SENDER = USERS.as("parent_sender");
    /**
     * Every column of {@code messages} but the folded search text and pairs (V9, V13): they are for the index
     * alone, about as long as the text again (and longer for Chinese, Japanese or Korean), and no page shows them.
     */
    private static final List<Field<?>> MESSAGE_FIELDS = Stream.of(MESSAGES.fields())
            .filter(field -> !field.equals(MESSAGES.SEARCH_TEXT) && !field.equals(MESSAGES.SEARCH_PAIRS))
            .toList();

    private MessageRows() {
    }

    /**
     * The newest {@code id} of the rows that are {@code which} (of one room, in messages or room_changes): a
     * backward seek on that table's (room_id, id) index. Not {@code max(id)}: PostgreSQL may plan that as an
     * aggregate over all of the room's entries, and a connection keeps the plan it made when the table was
     * nearly empty (PostgresNewestMessagePlanTest).
     */
    static SelectLimitPercentStep<Record1<Long>> newestId(TableField<?, Long> id, Condition which) {
        return DSL.select(id).from(id.getTable()).where(which).orderBy(id.desc()).limit(1);
    }

    /** @param extra further fields to read, of tables the caller joins */
    static SelectOnConditionStep<Record> select(DSLContext dsl, Field<?>... extra) {
        return from(dsl.select(MESSAGE_FIELDS), extra);
    }

    /** The same after a {@code WITH} clause, whose tables the caller joins or looks into. */
    static SelectOnConditionStep<Record> select(WithStep with, Field<?>... extra) {
        return from(with.select(MESSAGE_FIELDS), extra);
    }

    private static SelectOnConditionStep<Record> from(SelectSelectStep<Record> messageFields, Field<?>... extra) {
        return messageFields
                .select(USERS.USERNAME, PARENT.CONTENT, PARENT_SENDER.USERNAME)
                .select(extra)
                .from(MESSAGES)
                .join(USERS).on(USERS.ID.eq(MESSAGES.SENDER_ID))
                .leftJoin(PARENT).on(PARENT.ID.eq(MESSAGES.REPLY_TO_ID))
                .leftJoin(PARENT_SENDER).on(PARENT_SENDER.ID.eq(PARENT.SENDER_ID));
    }

    static Message toMessage(Record row) {
        MessagesRecord message = row.into(MESSAGES);
        boolean deleted = Boolean.TRUE.equals(message.getDeleted());
        MessageDraft draft;
        if (deleted) {
            draft = MessageDraft.REMOVED;
        } else {
            Attachment attachment = message.getFileName() == null ? null
                    : new Attachment(message.getFileName(), message.getFileDisplayName(), message.getFileSize(),
                            message.getMimeType(), message.getFilePreviewName());
            draft = new MessageDraft(new MessageText(message.getContent()), MessageType.valueOf(message.getMessageType()),
                    attachment);
        }
        MessageReference replyTo = message.getReplyToId() == null ? null
                : new MessageReference(new MessageId(message.getReplyToId()),
                        new Username(row.get(PARENT_SENDER.USERNAME)), row.get(PARENT.CONTENT));
        return new Message(new MessageId(message.getId()), new RoomId(message.getRoomId()),
                new UserId(message.getSenderId()), new Username(row.get(USERS.USERNAME)), draft,
                message.getClientId(), message.getCreatedAt(), message.getEditedAt(), deleted, replyTo,
                message.getReplyCount() == null ? 0 : message.getReplyCount(),
                deleted ? Mentions.NONE : mentions(message.getMentions()));
    }

    private static final String ROOM_MENTION = "@" + Mentions.ROOM;

    /** The mentions column: usernames separated by spaces, {@code @room} for the room (no username has an @). */
    static String mentionsColumn(Mentions mentions) {
        if (mentions.isEmpty()) {
            return null;
        }
        java.util.List<String> words = new java.util.ArrayList<>(mentions.users().stream().map(Username::value).toList());
        if (mentions.room()) {
            words.add(ROOM_MENTION);
        }
        return String.join(" ", words);
    }

    private static Mentions mentions(String column) {
        if (column == null || column.isBlank()) {
            return Mentions.NONE;
        }
        java.util.List<Username> users = new java.util.ArrayList<>();
        boolean room = false;
        for (String word : column.split(" ")) {
            if (word.equals(ROOM_MENTION)) {
                room = true;
            } else {
                users.add(new Username(word));
            }
        }
        return new Mentions(users, room);
    }
}
