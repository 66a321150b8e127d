package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.ROOM_AUDIT;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;
import static org.jooq.impl.DSL.noCondition;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.chatserver.application.port.out.moderation.RoomAuditLog;
import org.chatserver.domain.AuditEntry;
import org.chatserver.domain.Membership;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ModerationAction;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.DSLContext;
import org.jooq.Field;

final class JooqRoomAuditLog implements RoomAuditLog {

    private final DSLContext dsl;

    JooqRoomAuditLog(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public void record(ModerationAction action) {
        SqlErrors.refusingUnknown(() -> dsl.insertInto(ROOM_AUDIT)
                        .set(ROOM_AUDIT.ROOM_ID, action.roomId().value())
                        .set(ROOM_AUDIT.ACTOR_ID, action.actor().value())
                        .set(ROOM_AUDIT.ACTION, action.kind().name())
                        .set(ROOM_AUDIT.TARGET_ID, action.target().value())
                        .set(ROOM_AUDIT.ROLE, action.role() == null ? null
                                : action.role().name().toLowerCase(Locale.ROOT))
                        .set(ROOM_AUDIT.MUTED_UNTIL, action.mutedUntil() == null ? null
                                : action.mutedUntil().truncatedTo(ChronoUnit.MILLIS))
                        .set(ROOM_AUDIT.MESSAGE_ID, action.message() == null ? null : action.message().value())
                        .set(ROOM_AUDIT.CREATED_AT, action.at().truncatedTo(ChronoUnit.MILLIS))
                        .execute(),
                () -> "no room with id " + action.roomId() + " or no user with id " + action.actor() + " or "
                        + action.target());
    }

    @Override
    public List<AuditEntry> page(RoomId room, Long before, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var actor = USERS.as("actor");
        var target = USERS.as("target");
        Field<String> actorName = actor.USERNAME.as("actor_name");
        Field<String> targetName = target.USERNAME.as("target_name");
        return dsl.select(ROOM_AUDIT.fields())
                .select(actorName, targetName)
                .from(ROOM_AUDIT)
                .join(actor).on(actor.ID.eq(ROOM_AUDIT.ACTOR_ID))
                .join(target).on(target.ID.eq(ROOM_AUDIT.TARGET_ID))
                .where(ROOM_AUDIT.ROOM_ID.eq(room.value()))
                .and(before == null ? noCondition() : ROOM_AUDIT.ID.lt(before))
                .orderBy(ROOM_AUDIT.ID.desc())
                .limit(limit)
                .fetch(r -> {
                    var row = r.into(ROOM_AUDIT);
                    ModerationAction action = new ModerationAction(room, new UserId(row.getActorId()),
                            ModerationAction.Kind.valueOf(row.getAction()), new UserId(row.getTargetId()),
                            row.getRole() == null ? null
                                    : Membership.Role.valueOf(row.getRole().toUpperCase(Locale.ROOT)),
                            row.getMutedUntil(), row.getMessageId() == null ? null : new MessageId(row.getMessageId()),
                            row.getCreatedAt());
                    return new AuditEntry(row.getId(), action, new Username(r.get(actorName)),
                            new Username(r.get(targetName)));
                });
    }
}
