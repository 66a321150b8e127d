package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.MESSAGES;
import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;
import static org.chatserver.adapter.persistence.generated.Tables.ROOM_BANS;
import static org.chatserver.adapter.persistence.generated.Tables.ROOM_MEMBERS;
import static org.chatserver.adapter.persistence.generated.Tables.ROOM_MUTES;
import static org.chatserver.adapter.persistence.generated.Tables.USERS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.when;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.chatserver.adapter.persistence.generated.tables.records.RoomMutesRecord;
import org.chatserver.adapter.persistence.generated.tables.records.RoomsRecord;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.domain.Ban;
import org.chatserver.domain.DirectPair;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Mute;
import org.chatserver.domain.ReadPosition;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

final class JooqRoomRepository implements RoomRepository {

    /** The claim prefix of direct messages: upper case, so no name's key (see {@link RoomNameKeys}). */
    static final String DIRECT_CLAIM = "DIRECT-";

    private final DSLContext dsl;

    JooqRoomRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
    }

    @Override
    public Optional<Room> create(RoomName name, boolean isPrivate, UserId createdBy, Instant now) {
        // a public room claims its name's key, unique among claims; a private room claims nothing
        // (a value no key can equal, see V5__room_name_keys.sql)
        String claim = isPrivate ? RoomNameKeys.PRIVATE_CLAIM + UUID.randomUUID() : name.key();
        // as in JooqUserRepository: no caught unique violation (it would abort a PostgreSQL transaction),
        // no RETURNING (stale under SQLite's emulation when nothing was inserted)
        int inserted = SqlErrors.refusingUnknown(() -> dsl.insertInto(ROOMS)
                        .set(ROOMS.NAME, name.value())
                        .set(ROOMS.NAME_KEY, name.key())
                        .set(ROOMS.NAME_CLAIM, claim)
                        .set(ROOMS.IS_PRIVATE, isPrivate)
                        .set(ROOMS.CREATED_BY, createdBy == null ? null : createdBy.value())
                        .set(ROOMS.CREATED_AT, now.truncatedTo(ChronoUnit.MILLIS))
                        .onConflictDoNothing()
                        .execute(),
                () -> "no user with id " + createdBy);
        return inserted == 0 ? Optional.empty()
                : dsl.selectFrom(ROOMS).where(ROOMS.NAME_CLAIM.eq(claim)).fetchOptional(JooqRoomRepository::toRoom);
    }

    @Override
    public Optional<Room> findById(RoomId id) {
        return dsl.selectFrom(ROOMS).where(ROOMS.ID.eq(id.value())).fetchOptional(JooqRoomRepository::toRoom);
    }

    @Override
    public List<Room> findByName(RoomName name, UserId viewer) {
        var member = ROOM_MEMBERS.as("member");
        return dsl.select(ROOMS.fields())
                .from(ROOMS)
                .leftJoin(member).on(member.ROOM_ID.eq(ROOMS.ID)).and(member.USER_ID.eq(viewer.value()))
                .where(ROOMS.NAME_KEY.eq(name.key()))
                .and(ROOMS.IS_PRIVATE.isFalse().or(member.USER_ID.isNotNull()))
                .orderBy(ROOMS.ID)
                .fetch(r -> toRoom(r.into(ROOMS)));
    }

    /**
     * Two queries whatever the number of rooms: the rooms with their newest message ids and unread count
     * (correlated sub-queries, each an index seek or a range scan of the unread messages on
     * {@code messages (room_id, id)}; deleted messages count for nothing), then those newest messages.
     */
    @Override
    public List<RoomOverview> listVisibleTo(UserId user, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return overviews(user, noCondition(), limit);
    }

    @Override
    public Optional<RoomOverview> overview(RoomId room, UserId user) {
        return overviews(user, ROOMS.ID.eq(room.value()), 1).stream().findFirst();
    }

    @Override
    public List<RoomId> memberRoomIds(UserId user, int limit) {
        return dsl.select(ROOM_MEMBERS.ROOM_ID).from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.USER_ID.eq(user.value()))
                .limit(Math.max(limit, 0))
                .fetch(r -> new RoomId(r.value1()));
    }

    @Override
    public Set<UserId> sharingARoomWith(UserId user, Collection<UserId> others) {
        if (others.isEmpty()) {
            return Set.of();
        }
        var theirs = ROOM_MEMBERS.as("theirs");
        return dsl.selectDistinct(theirs.USER_ID).from(ROOM_MEMBERS)
                .join(theirs).on(theirs.ROOM_ID.eq(ROOM_MEMBERS.ROOM_ID))
                .where(ROOM_MEMBERS.USER_ID.eq(user.value()),
                        theirs.USER_ID.in(others.stream().map(UserId::value).toList()))
                .fetchSet(r -> new UserId(r.value1()));
    }

    /** The same two queries as {@link #listVisibleTo}, for the rooms the user is a member of. */
    @Override
    public List<RoomOverview> listMemberOf(UserId user, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return overviews(user, ROOMS.ID.in(select(ROOM_MEMBERS.ROOM_ID).from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.USER_ID.eq(user.value()))), limit);
    }

    /**
     * A direct message claims {@code DIRECT-<low user id>-<high user id>} as its name: the claims' unique
     * key makes it one room per pair, whoever inserts first (the other insert does nothing and reads the
     * same row), and holds nothing against any room's name (claims of this prefix are no key: keys are
     * lower case).
     */
    @Override
    public Room openDirect(DirectPair pair, Instant now) {
        String claim = DIRECT_CLAIM + pair.key();
        SqlErrors.refusingUnknown(() -> dsl.insertInto(ROOMS)
                        .set(ROOMS.NAME, Room.DIRECT_NAME.value())
                        .set(ROOMS.NAME_KEY, Room.DIRECT_NAME.key())
                        .set(ROOMS.NAME_CLAIM, claim)
                        .set(ROOMS.IS_PRIVATE, true)
                        .set(ROOMS.CREATED_BY, (Long) null)
                        .set(ROOMS.CREATED_AT, now.truncatedTo(ChronoUnit.MILLIS))
                        .onConflictDoNothing()
                        .execute(),
                () -> "no room could be made for " + pair);
        return findDirect(pair).orElseThrow();
    }

    @Override
    public Optional<Room> findDirect(DirectPair pair) {
        return dsl.selectFrom(ROOMS).where(ROOMS.NAME_CLAIM.eq(DIRECT_CLAIM + pair.key()))
                .fetchOptional(JooqRoomRepository::toRoom);
    }

    private List<RoomOverview> overviews(UserId user, Condition which, int limit) {
        var member = ROOM_MEMBERS.as("member");
        var other = ROOM_MEMBERS.as("other");
        Field<String> peer = when(ROOMS.NAME_CLAIM.startsWith(DIRECT_CLAIM), field(select(USERS.USERNAME)
                .from(other)
                .join(USERS).on(USERS.ID.eq(other.USER_ID))
                .where(other.ROOM_ID.eq(ROOMS.ID))
                .and(other.USER_ID.ne(user.value()))
                .limit(1))).as("peer");
        // the newest message whatever it is (where the counts were taken), and the newest one to show:
        // both a backward seek on messages (room_id, id), the second one past any tombstones at the end
        Field<Long> latestId = field(MessageRows.newestId(MESSAGES.ID, MESSAGES.ROOM_ID.eq(ROOMS.ID))).as("latest_id");
        Field<Long> shownId = field(MessageRows.newestId(MESSAGES.ID,
                MESSAGES.ROOM_ID.eq(ROOMS.ID).and(MESSAGES.DELETED.isFalse()))).as("shown_id");
        Field<Integer> unread = when(member.USER_ID.isNull(), inline(0))
                .otherwise(field(selectCount()
                        .from(MESSAGES)
                        .where(MESSAGES.ROOM_ID.eq(ROOMS.ID))
                        .and(MESSAGES.ID.gt(coalesce(member.LAST_READ_MESSAGE_ID, inline(0L))))
                        .and(MESSAGES.SENDER_ID.ne(user.value()))
                        .and(MESSAGES.DELETED.isFalse())))
                .as("unread_count");
        var rows = dsl.select(ROOMS.fields())
                .select(latestId, shownId, unread, member.USER_ID, member.MENTION_COUNT, member.LAST_READ_MESSAGE_ID, peer)
                .from(ROOMS)
                .leftJoin(member).on(member.ROOM_ID.eq(ROOMS.ID)).and(member.USER_ID.eq(user.value()))
                .where(ROOMS.IS_PRIVATE.isFalse().or(member.USER_ID.isNotNull()))
                .and(which)
                // when not all fit, the user's own rooms first; then shown newest first
                .orderBy(when(member.USER_ID.isNull(), inline(1)).otherwise(inline(0)), ROOMS.CREATED_AT.desc(),
                        ROOMS.ID.desc())
                .limit(limit)
                .fetch()
                .sortDesc(Comparator.comparing((Record r) -> r.get(ROOMS.CREATED_AT)).thenComparing(r -> r.get(ROOMS.ID)));

        var shownIds = rows.stream().map(r -> r.get(shownId)).filter(Objects::nonNull).toList();
        Map<Long, Message> shown = shownIds.isEmpty() ? Map.of()
                : MessageRows.select(dsl)
                        .where(MESSAGES.ID.in(shownIds))
                        .fetch(MessageRows::toMessage)
                        .stream()
                        .collect(Collectors.toMap(m -> m.id().value(), Function.identity()));
        return rows.stream()
                .map(r -> new RoomOverview(toRoom(r.into(ROOMS)),
                        Optional.ofNullable(r.get(shownId)).map(shown::get),
                        r.get(unread).longValue(),
                        r.get(member.MENTION_COUNT) == null ? 0 : r.get(member.MENTION_COUNT).longValue(),
                        r.get(peer) == null ? null : new Username(r.get(peer)),
                        r.get(member.LAST_READ_MESSAGE_ID) == null ? null
                                : new MessageId(r.get(member.LAST_READ_MESSAGE_ID)),
                        r.get(latestId) == null ? null : new MessageId(r.get(latestId)),
                        r.get(member.USER_ID) != null))
                .toList();
    }

    @Override
    public boolean addMember(Membership membership) {
        return SqlErrors.refusingUnknown(() -> dsl.insertInto(ROOM_MEMBERS)
                        .set(ROOM_MEMBERS.ROOM_ID, membership.roomId().value())
                        .set(ROOM_MEMBERS.USER_ID, membership.userId().value())
                        .set(ROOM_MEMBERS.ROLE, membership.role().name().toLowerCase(Locale.ROOT))
                        .set(ROOM_MEMBERS.JOINED_AT, membership.joinedAt().truncatedTo(ChronoUnit.MILLIS))
                        .onConflictDoNothing()
                        .execute(),
                () -> "no room with id " + membership.roomId() + " or no user with id " + membership.userId()) == 1;
    }

    @Override
    public boolean removeMember(RoomId room, UserId user) {
        return dsl.deleteFrom(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.eq(room.value()))
                .and(ROOM_MEMBERS.USER_ID.eq(user.value()))
                .execute() == 1;
    }

    @Override
    public Optional<Membership> membership(RoomId room, UserId user) {
        return dsl.select(ROOM_MEMBERS.ROLE, ROOM_MEMBERS.JOINED_AT)
                .from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.eq(room.value()))
                .and(ROOM_MEMBERS.USER_ID.eq(user.value()))
                .fetchOptional(r -> new Membership(room, user, role(r.value1()), r.value2()));
    }

    @Override
    public Map<UserId, Membership> memberships(RoomId room, Collection<UserId> users) {
        if (users.isEmpty()) {
            return Map.of();
        }
        return dsl.select(ROOM_MEMBERS.USER_ID, ROOM_MEMBERS.ROLE, ROOM_MEMBERS.JOINED_AT)
                .from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.eq(room.value()))
                .and(ROOM_MEMBERS.USER_ID.in(ids(users)))
                .fetchMap(r -> new UserId(r.value1()),
                        r -> new Membership(room, new UserId(r.value1()), role(r.value2()), r.value3()));
    }

    @Override
    public List<RoomMember> members(RoomId room, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return dsl.select(ROOM_MEMBERS.USER_ID, USERS.USERNAME, ROOM_MEMBERS.JOINED_AT, ROOM_MEMBERS.ROLE)
                .from(ROOM_MEMBERS)
                .join(USERS).on(USERS.ID.eq(ROOM_MEMBERS.USER_ID))
                .where(ROOM_MEMBERS.ROOM_ID.eq(room.value()))
                .orderBy(ROOM_MEMBERS.JOINED_AT, ROOM_MEMBERS.USER_ID)
                .limit(limit)
                .fetch(r -> new RoomMember(new UserId(r.value1()), new Username(r.value2()), r.value3(),
                        role(r.value4())));
    }

    @Override
    public boolean changeRole(RoomId room, UserId user, Membership.Role role) {
        return dsl.update(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.ROLE, role.name().toLowerCase(Locale.ROOT))
                .where(ROOM_MEMBERS.ROOM_ID.eq(room.value()))
                .and(ROOM_MEMBERS.USER_ID.eq(user.value()))
                .execute() == 1;
    }

    @Override
    public void saveMute(Mute mute) {
        Instant until = mute.until().truncatedTo(ChronoUnit.MILLIS);
        Instant at = mute.at().truncatedTo(ChronoUnit.MILLIS);
        SqlErrors.refusingUnknown(() -> dsl.insertInto(ROOM_MUTES)
                        .set(ROOM_MUTES.ROOM_ID, mute.roomId().value())
                        .set(ROOM_MUTES.USER_ID, mute.userId().value())
                        .set(ROOM_MUTES.MUTED_UNTIL, until)
                        .set(ROOM_MUTES.MUTED_BY, mute.mutedBy().value())
                        .set(ROOM_MUTES.MUTED_AT, at)
                        .onConflict(ROOM_MUTES.ROOM_ID, ROOM_MUTES.USER_ID)
                        .doUpdate()
                        .set(ROOM_MUTES.MUTED_UNTIL, until)
                        .set(ROOM_MUTES.MUTED_BY, mute.mutedBy().value())
                        .set(ROOM_MUTES.MUTED_AT, at)
                        .execute(),
                () -> "no room with id " + mute.roomId() + " or no user with id " + mute.userId() + " or "
                        + mute.mutedBy());
    }

    @Override
    public Optional<Mute> findMute(RoomId room, UserId user) {
        return dsl.selectFrom(ROOM_MUTES)
                .where(ROOM_MUTES.ROOM_ID.eq(room.value()))
                .and(ROOM_MUTES.USER_ID.eq(user.value()))
                .fetchOptional(r -> mute(room, r));
    }

    @Override
    public Map<UserId, Mute> findMutes(RoomId room, Collection<UserId> users) {
        if (users.isEmpty()) {
            return Map.of();
        }
        return dsl.selectFrom(ROOM_MUTES)
                .where(ROOM_MUTES.ROOM_ID.eq(room.value()))
                .and(ROOM_MUTES.USER_ID.in(ids(users)))
                .fetchMap(r -> new UserId(r.getUserId()), r -> mute(room, r));
    }

    private static Mute mute(RoomId room, RoomMutesRecord r) {
        return new Mute(room, new UserId(r.getUserId()), r.getMutedUntil(), new UserId(r.getMutedBy()),
                r.getMutedAt());
    }

    /** The users' ids for an {@code IN} list, each once (a batch may hold several posts of one author). */
    private static List<Long> ids(Collection<UserId> users) {
        return users.stream().map(UserId::value).distinct().toList();
    }

    @Override
    public boolean deleteMute(RoomId room, UserId user) {
        return dsl.deleteFrom(ROOM_MUTES)
                .where(ROOM_MUTES.ROOM_ID.eq(room.value()))
                .and(ROOM_MUTES.USER_ID.eq(user.value()))
                .execute() == 1;
    }

    @Override
    public boolean saveBan(Ban ban) {
        return SqlErrors.refusingUnknown(() -> dsl.insertInto(ROOM_BANS)
                        .set(ROOM_BANS.ROOM_ID, ban.roomId().value())
                        .set(ROOM_BANS.USER_ID, ban.userId().value())
                        .set(ROOM_BANS.BANNED_BY, ban.bannedBy().value())
                        .set(ROOM_BANS.BANNED_AT, ban.at().truncatedTo(ChronoUnit.MILLIS))
                        .onConflictDoNothing()
                        .execute(),
                () -> "no room with id " + ban.roomId() + " or no user with id " + ban.userId() + " or "
                        + ban.bannedBy()) == 1;
    }

    @Override
    public Optional<Ban> findBan(RoomId room, UserId user) {
        return dsl.selectFrom(ROOM_BANS)
                .where(ROOM_BANS.ROOM_ID.eq(room.value()))
                .and(ROOM_BANS.USER_ID.eq(user.value()))
                .fetchOptional(r -> new Ban(room, user, new UserId(r.getBannedBy()), r.getBannedAt()));
    }

    @Override
    public boolean deleteBan(RoomId room, UserId user) {
        return dsl.deleteFrom(ROOM_BANS)
                .where(ROOM_BANS.ROOM_ID.eq(room.value()))
                .and(ROOM_BANS.USER_ID.eq(user.value()))
                .execute() == 1;
    }

    @Override
    public Optional<MessageId> lastRead(RoomId room, UserId user) {
        return dsl.select(ROOM_MEMBERS.LAST_READ_MESSAGE_ID)
                .from(ROOM_MEMBERS)
                .where(ROOM_MEMBERS.ROOM_ID.eq(room.value()))
                .and(ROOM_MEMBERS.USER_ID.eq(user.value()))
                .fetchOptional(ROOM_MEMBERS.LAST_READ_MESSAGE_ID)
                .map(MessageId::new);
    }

    @Override
    public boolean advanceLastRead(RoomId room, UserId user, MessageId upTo, Instant at) {
        // one conditional UPDATE: of two concurrent advances the further one wins, whatever their order
        return dsl.update(ROOM_MEMBERS)
                .set(ROOM_MEMBERS.LAST_READ_MESSAGE_ID, upTo.value())
                .set(ROOM_MEMBERS.READ_AT, at.truncatedTo(ChronoUnit.MILLIS))
                .where(ROOM_MEMBERS.ROOM_ID.eq(room.value()))
                .and(ROOM_MEMBERS.USER_ID.eq(user.value()))
                .and(ROOM_MEMBERS.LAST_READ_MESSAGE_ID.isNull().or(ROOM_MEMBERS.LAST_READ_MESSAGE_ID.lt(upTo.value())))
                .execute() == 1;
    }

    @Override
    public Map<UserId, ReadPosition> sharedReadPositions(RoomId room, Collection<UserId> users) {
        if (users.isEmpty()) {
            return Map.of();
        }
        return dsl.select(ROOM_MEMBERS.USER_ID, ROOM_MEMBERS.LAST_READ_MESSAGE_ID, ROOM_MEMBERS.READ_AT)
                .from(ROOM_MEMBERS)
                .join(USERS).on(USERS.ID.eq(ROOM_MEMBERS.USER_ID))
                .where(ROOM_MEMBERS.ROOM_ID.eq(room.value()))
                .and(ROOM_MEMBERS.USER_ID.in(ids(users)))
                .and(ROOM_MEMBERS.LAST_READ_MESSAGE_ID.isNotNull())
                .and(USERS.SHARE_READ_RECEIPTS.isTrue())
                .fetchMap(r -> new UserId(r.value1()), r -> new ReadPosition(new MessageId(r.value2()), r.value3()));
    }

    /** A range of the room's members (its primary key); a room's members are few beside its messages. */
    @Override
    public List<Reader> seenBy(RoomId room, MessageId message, UserId except, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return dsl.select(ROOM_MEMBERS.USER_ID, USERS.USERNAME, ROOM_MEMBERS.READ_AT)
                .from(ROOM_MEMBERS)
                .join(USERS).on(USERS.ID.eq(ROOM_MEMBERS.USER_ID))
                .where(ROOM_MEMBERS.ROOM_ID.eq(room.value()))
                .and(ROOM_MEMBERS.LAST_READ_MESSAGE_ID.ge(message.value()))
                .and(ROOM_MEMBERS.USER_ID.ne(except.value()))
                .and(USERS.SHARE_READ_RECEIPTS.isTrue())
                .orderBy(ROOM_MEMBERS.READ_AT.asc().nullsFirst(), ROOM_MEMBERS.USER_ID)
                .limit(limit)
                .fetch(r -> new Reader(new UserId(r.value1()), new Username(r.value2()), r.value3()));
    }

    private static Membership.Role role(String stored) {
        return Membership.Role.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    private static Room toRoom(RoomsRecord row) {
        boolean direct = row.getNameClaim() != null && row.getNameClaim().startsWith(DIRECT_CLAIM);
        return new Room(new RoomId(row.getId()), StoredRoomNames.readable(row.getId(), row.getName()),
                row.getIsPrivate(),
                row.getCreatedBy() == null ? null : new UserId(row.getCreatedBy()), row.getCreatedAt(),
                direct ? Room.Kind.DIRECT : Room.Kind.ROOM);
    }
}
