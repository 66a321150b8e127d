package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.MESSAGES;
import static org.chatserver.adapter.persistence.generated.Tables.MESSAGE_MENTIONS;
import static org.chatserver.adapter.persistence.generated.Tables.ROOM_MEMBERS;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.chatserver.application.port.out.message.MentionRepository;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Mentions in {@code message_mentions} (one row per member called) and each member's unread count in
 * {@code room_members.mention_count}. Counters move in the transaction of the post, edit, deletion or
 * read that moves them. On PostgreSQL a post, edit or deletion holds its room's lock (see
 * {@link JooqMessageRepository}), so the counters of one room are moved by one of them at a time; a
 * recount runs after the member's read position moved in the same transaction, which holds that
 * member's row, so it counts what committed before it and a mention committed after it adds to it.
 */
final class JooqMentionRepository implements MentionRepository {

    private final DSLContext dsl;

    JooqMentionRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public List<RoomMember> record(Message message, Collection<UserId> users, boolean everyone) {
        if (!everyone && users.isEmpty()) {
            return List.of();
        }
        long room = message.roomId().value();
        long id = message.id().value();
        Condition called = everyone ? noCondition()
                : ROOM_MEMBERS.USER_ID.in(users.stream().map(UserId::value).distinct().toList());
        dsl.insertInto(MESSAGE_MENTIONS, MESSAGE_MENTIONS.USER_ID, MESSAGE_MENTIONS.MESSAGE_ID, MESSAGE_MENTIONS.ROOM_ID)
                .select(select(ROOM_MEMBERS.USER_ID, inline(id), inline(room))
                        .from(ROOM_MEMBERS)
                        .where(ROOM_MEMBERS.ROOM_ID.eq(room))
                        .and(ROOM_MEMBERS.USER_ID.ne(message.senderId().value()))
                        .and(called))
                .onConflictDoNothing()
                .execute();
        dsl.update(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.MENTION_COUNT, ROOM_MEMBERS.MENTION_COUNT.plus(1))
                .where(ROOM_MEMBERS.ROOM_ID.eq(room))
                .and(ROOM_MEMBERS.USER_ID.in(select(MESSAGE_MENTIONS.USER_ID).from(MESSAGE_MENTIONS)
                        .where(MESSAGE_MENTIONS.MESSAGE_ID.eq(id))))
                .and(unread(id))
                .execute();
        return dsl.select(MESSAGE_MENTIONS.USER_ID, USERS.USERNAME, ROOM_MEMBERS.JOINED_AT, ROOM_MEMBERS.ROLE)
                .from(MESSAGE_MENTIONS)
                .join(USERS).on(USERS.ID.eq(MESSAGE_MENTIONS.USER_ID))
                .join(ROOM_MEMBERS).on(ROOM_MEMBERS.ROOM_ID.eq(MESSAGE_MENTIONS.ROOM_ID)
                        .and(ROOM_MEMBERS.USER_ID.eq(MESSAGE_MENTIONS.USER_ID)))
                .where(MESSAGE_MENTIONS.MESSAGE_ID.eq(id))
                .orderBy(MESSAGE_MENTIONS.USER_ID)
                .fetch(r -> new RoomMember(new UserId(r.value1()), new Username(r.value2()), r.value3(),
                        Membership.Role.valueOf(r.value4().toUpperCase(java.util.Locale.ROOT))));
    }

    /** The member's read position does not cover the message. */
    private static Condition unread(long message) {
        return coalesce(ROOM_MEMBERS.LAST_READ_MESSAGE_ID, inline(0L)).lt(message);
    }

    @Override
    public void forget(MessageId message) {
        long id = message.value();
        dsl.update(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.MENTION_COUNT, ROOM_MEMBERS.MENTION_COUNT.minus(1))
                .where(ROOM_MEMBERS.ROOM_ID.eq(select(MESSAGES.ROOM_ID).from(MESSAGES).where(MESSAGES.ID.eq(id))))
                .and(ROOM_MEMBERS.USER_ID.in(select(MESSAGE_MENTIONS.USER_ID).from(MESSAGE_MENTIONS)
                        .where(MESSAGE_MENTIONS.MESSAGE_ID.eq(id))))
                .and(unread(id))
                .and(ROOM_MEMBERS.MENTION_COUNT.gt(0))
                .execute();
        dsl.deleteFrom(MESSAGE_MENTIONS).where(MESSAGE_MENTIONS.MESSAGE_ID.eq(id)).execute();
    }

    @Override
    public void recount(RoomId room, UserId user) {
        dsl.update(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.MENTION_COUNT, selectCount()
                        .from(MESSAGE_MENTIONS)
                        .where(MESSAGE_MENTIONS.USER_ID.eq(user.value()))
                        .and(MESSAGE_MENTIONS.ROOM_ID.eq(room.value()))
                        .and(MESSAGE_MENTIONS.MESSAGE_ID.gt(coalesce(ROOM_MEMBERS.LAST_READ_MESSAGE_ID, inline(0L)))))
                .where(ROOM_MEMBERS.ROOM_ID.eq(room.value()))
                .and(ROOM_MEMBERS.USER_ID.eq(user.value()))
                .execute();
    }

    @Override
    public List<Message> mentionsOf(UserId user, MessageId before, int limit) {
        return MessageRows.select(dsl)
                .join(MESSAGE_MENTIONS).on(MESSAGE_MENTIONS.MESSAGE_ID.eq(MESSAGES.ID))
                .join(ROOM_MEMBERS).on(ROOM_MEMBERS.ROOM_ID.eq(MESSAGE_MENTIONS.ROOM_ID)
                        .and(ROOM_MEMBERS.USER_ID.eq(MESSAGE_MENTIONS.USER_ID)))
                .where(MESSAGE_MENTIONS.USER_ID.eq(user.value()))
                .and(before == null ? noCondition() : MESSAGE_MENTIONS.MESSAGE_ID.lt(before.value()))
                .and(MESSAGES.DELETED.isFalse())
                .orderBy(MESSAGE_MENTIONS.MESSAGE_ID.desc())
                .limit(Math.max(limit, 0))
                .fetch(MessageRows::toMessage);
    }
}
