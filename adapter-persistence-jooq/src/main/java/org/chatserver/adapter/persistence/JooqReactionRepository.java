package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.REACTIONS;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;
import static org.jooq.impl.DSL.excluded;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.ReactionSummary;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.DSLContext;

/** Reactions stored by {@link ReactionType} name; users of a reaction ordered by reaction time, then user id. */
final class JooqReactionRepository implements ReactionRepository {

    private final DSLContext dsl;

    JooqReactionRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public void set(MessageId message, UserId user, ReactionType type, Instant now) {
        // repeating the same reaction keeps its time (and so its place); a different one counts as new
        SqlErrors.refusingUnknown(() -> dsl.insertInto(REACTIONS)
                        .set(REACTIONS.MESSAGE_ID, message.value())
                        .set(REACTIONS.USER_ID, user.value())
                        .set(REACTIONS.REACTION_TYPE, type.name())
                        .set(REACTIONS.CREATED_AT, now.truncatedTo(ChronoUnit.MILLIS))
                        .onConflict(REACTIONS.MESSAGE_ID, REACTIONS.USER_ID)
                        .doUpdate()
                        .set(REACTIONS.REACTION_TYPE, excluded(REACTIONS.REACTION_TYPE))
                        .set(REACTIONS.CREATED_AT, excluded(REACTIONS.CREATED_AT))
                        .where(REACTIONS.REACTION_TYPE.ne(excluded(REACTIONS.REACTION_TYPE)))
                        .execute(),
                () -> "no message with id " + message + " or no user with id " + user);
    }

    @Override
    public boolean remove(MessageId message, UserId user) {
        return dsl.deleteFrom(REACTIONS)
                .where(REACTIONS.MESSAGE_ID.eq(message.value()))
                .and(REACTIONS.USER_ID.eq(user.value()))
                .execute() == 1;
    }

    @Override
    public void removeAll(MessageId message) {
        dsl.deleteFrom(REACTIONS).where(REACTIONS.MESSAGE_ID.eq(message.value())).execute();
    }

    @Override
    public Map<MessageId, List<ReactionSummary>> summaries(Collection<MessageId> messages) {
        Map<MessageId, List<ReactionSummary>> summaries = new HashMap<>();
        read(messages, null).forEach((message, reactions) -> summaries.put(message, reactions.summaries()));
        return summaries;
    }

    @Override
    public Map<MessageId, Seen> seenBy(UserId viewer, Collection<MessageId> messages) {
        return read(messages, Objects.requireNonNull(viewer, "viewer"));
    }

    /** Every reaction to the messages in one query; the viewer's own is found among them (none for a null viewer). */
    private Map<MessageId, Seen> read(Collection<MessageId> messages, UserId viewer) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        Map<MessageId, Map<ReactionType, List<Username>>> grouped = new HashMap<>();
        Map<MessageId, ReactionType> own = new HashMap<>();
        dsl.select(REACTIONS.MESSAGE_ID, REACTIONS.REACTION_TYPE, USERS.USERNAME, REACTIONS.USER_ID)
                .from(REACTIONS)
                .join(USERS).on(USERS.ID.eq(REACTIONS.USER_ID))
                .where(REACTIONS.MESSAGE_ID.in(ids(messages)))
                .orderBy(REACTIONS.MESSAGE_ID, REACTIONS.CREATED_AT, REACTIONS.USER_ID)
                .forEach(r -> {
                    MessageId message = new MessageId(r.value1());
                    ReactionType type = ReactionType.valueOf(r.value2());
                    grouped.computeIfAbsent(message, m -> new EnumMap<>(ReactionType.class))
                            .computeIfAbsent(type, t -> new ArrayList<>())
                            .add(new Username(r.value3()));
                    if (viewer != null && viewer.value() == r.value4()) {
                        own.put(message, type);
                    }
                });
        Map<MessageId, Seen> seen = new HashMap<>();
        // EnumMap iterates in ReactionType order
        grouped.forEach((message, byType) -> seen.put(message, new Seen(byType.entrySet().stream()
                .map(e -> new ReactionSummary(e.getKey(), e.getValue()))
                .toList(), own.get(message))));
        return seen;
    }

    @Override
    public Map<MessageId, ReactionType> reactionsOf(UserId user, Collection<MessageId> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        Map<MessageId, ReactionType> reactions = new HashMap<>();
        dsl.select(REACTIONS.MESSAGE_ID, REACTIONS.REACTION_TYPE)
                .from(REACTIONS)
                .where(REACTIONS.USER_ID.eq(user.value()))
                .and(REACTIONS.MESSAGE_ID.in(ids(messages)))
                .forEach(r -> reactions.put(new MessageId(r.value1()), ReactionType.valueOf(r.value2())));
        return reactions;
    }

    private static List<Long> ids(Collection<MessageId> messages) {
        return messages.stream().map(MessageId::value).distinct().toList();
    }
}
