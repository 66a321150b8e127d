package org.chatserver.application.fakes;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.Ban;
import org.chatserver.domain.DirectPair;
import org.chatserver.domain.Membership;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Mute;
import org.chatserver.domain.ReadPosition;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.RoomMember;
import org.chatserver.domain.RoomName;
import org.chatserver.domain.UserId;
import org.chatserver.domain.Username;

/** Thread-safe in-memory {@link RoomRepository}; reads messages for overviews and unread counts. */
public final class InMemoryRoomRepository implements RoomRepository {

    private final UserRepository users;
    private int sharingLookups;
    private int membershipLookups;
    private final InMemoryMessageRepository messages;
    private final Map<Long, Room> byId = new HashMap<>();
    private final Map<Long, LinkedHashMap<UserId, Member>> members = new HashMap<>();
    private final Map<String, Long> direct = new HashMap<>();
    private final Map<List<Object>, Mute> mutes = new HashMap<>();
    private final Map<List<Object>, Ban> bans = new HashMap<>();
    private long lastId;

    public InMemoryRoomRepository(UserRepository users, InMemoryMessageRepository messages) {
        this.users = users;
        this.messages = messages;
    }

    @Override
    public synchronized Optional<Room> create(RoomName name, boolean isPrivate, UserId createdBy, Instant now) {
        if (!isPrivate && byId.values().stream().anyMatch(r -> !r.isPrivate() && r.name().key().equals(name.key()))) {
            return Optional.empty();
        }
        Room room = new Room(new RoomId(++lastId), name, isPrivate, createdBy, now.truncatedTo(ChronoUnit.MILLIS));
        byId.put(room.id().value(), room);
        return Optional.of(room);
    }

    @Override
    public synchronized Optional<Room> findById(RoomId id) {
        return Optional.ofNullable(byId.get(id.value()));
    }

    @Override
    public synchronized List<Room> findByName(RoomName name, UserId viewer) {
        return byId.values().stream()
                .filter(r -> r.name().key().equals(name.key()))
                .filter(r -> !r.isPrivate() || isMember(r.id(), viewer))
                .sorted(Comparator.comparing(r -> r.id().value()))
                .toList();
    }

    @Override
    public synchronized List<RoomOverview> listVisibleTo(UserId user, int limit) {
        Comparator<Room> newestFirst = Comparator.comparing(Room::createdAt).thenComparing(r -> r.id().value())
                .reversed();
        return byId.values().stream()
                .filter(r -> !r.isPrivate() || isMember(r.id(), user))
                .sorted(Comparator.<Room, Boolean>comparing(r -> !isMember(r.id(), user)).thenComparing(newestFirst))
                .limit(limit)
                .sorted(newestFirst)
                .map(r -> overview(r, user))
                .toList();
    }

    @Override
    public synchronized List<RoomId> memberRoomIds(UserId user, int limit) {
        return byId.values().stream().map(Room::id).filter(r -> isMember(r, user)).limit(limit).toList();
    }

    /** How many times {@link #sharingARoomWith} was asked: a test of what a use case looks up reads it. */
    public synchronized int sharingLookups() {
        return sharingLookups;
    }

    /** How many times {@link #membership} was asked: what a visit of a room costs a use case besides the room. */
    public synchronized int membershipLookups() {
        return membershipLookups;
    }

    @Override
    public synchronized Set<UserId> sharingARoomWith(UserId user, Collection<UserId> others) {
        sharingLookups++;
        return others.stream()
                .filter(other -> byId.values().stream().map(Room::id).anyMatch(r -> isMember(r, user)
                        && isMember(r, other)))
                .collect(Collectors.toSet());
    }

    @Override
    public synchronized List<RoomOverview> listMemberOf(UserId user, int limit) {
        return listVisibleTo(user, Integer.MAX_VALUE).stream()
                .filter(o -> isMember(o.room().id(), user))
                .limit(limit)
                .toList();
    }

    private RoomOverview overview(Room room, UserId user) {
        Optional<MessageId> latest = messages.latestId(room.id());
        MessageId lastRead = lastRead(room.id(), user).orElse(null);
        long unread = 0;
        if (latest.isPresent() && isMember(room.id(), user)) {
            unread = messages.countUnread(room.id(), lastRead, user);
        }
        long mentioned = isMember(room.id(), user) ? member(room.id(), user).mentionCount() : 0;
        Username peer = !room.isDirect() ? null : members.getOrDefault(room.id().value(), new LinkedHashMap<>())
                .keySet().stream().filter(u -> !u.equals(user)).findFirst()
                .map(u -> users.findById(u).orElseThrow().username()).orElse(null);
        return new RoomOverview(room, messages.newestShown(room.id()), unread, mentioned, peer, lastRead,
                latest.orElse(null), isMember(room.id(), user));
    }

    @Override
    public synchronized Room openDirect(DirectPair pair, Instant now) {
        Long existing = direct.get(pair.key());
        if (existing != null) {
            return byId.get(existing);
        }
        Room room = new Room(new RoomId(++lastId), Room.DIRECT_NAME, true, null, now.truncatedTo(ChronoUnit.MILLIS),
                Room.Kind.DIRECT);
        byId.put(room.id().value(), room);
        direct.put(pair.key(), room.id().value());
        return room;
    }

    @Override
    public synchronized Optional<Room> findDirect(DirectPair pair) {
        return Optional.ofNullable(direct.get(pair.key())).map(byId::get);
    }

    @Override
    public synchronized Optional<RoomOverview> overview(RoomId id, UserId user) {
        return findById(id).filter(r -> !r.isPrivate() || isMember(r.id(), user)).map(r -> overview(r, user));
    }

    @Override
    public synchronized boolean addMember(Membership membership) {
        UserId user = membership.userId();
        users.findById(user).orElseThrow(() -> new IllegalArgumentException("unknown user " + user));
        LinkedHashMap<UserId, Member> inRoom = members.computeIfAbsent(membership.roomId().value(),
                r -> new LinkedHashMap<>());
        if (inRoom.containsKey(user)) {
            return false;
        }
        inRoom.put(user, new Member(membership.role(), membership.joinedAt().truncatedTo(ChronoUnit.MILLIS), null, null,
                0));
        return true;
    }

    @Override
    public synchronized boolean removeMember(RoomId room, UserId user) {
        LinkedHashMap<UserId, Member> inRoom = members.get(room.value());
        return inRoom != null && inRoom.remove(user) != null;
    }

    @Override
    public synchronized Optional<Membership> membership(RoomId room, UserId user) {
        membershipLookups++;
        return find(room, user);
    }

    private Optional<Membership> find(RoomId room, UserId user) {
        Member m = members.getOrDefault(room.value(), new LinkedHashMap<>()).get(user);
        return m == null ? Optional.empty() : Optional.of(new Membership(room, user, m.role(), m.joinedAt()));
    }

    @Override
    public synchronized Map<UserId, Membership> memberships(RoomId room, Collection<UserId> users) {
        Map<UserId, Membership> found = new HashMap<>();
        for (UserId user : users) {
            find(room, user).ifPresent(m -> found.put(user, m));
        }
        return found;
    }

    private boolean isMember(RoomId room, UserId user) {
        return find(room, user).isPresent();
    }

    @Override
    public synchronized List<RoomMember> members(RoomId room, int limit) {
        // join time, then user id: what the database orders by, also for members who joined at the same instant
        return members.getOrDefault(room.value(), new LinkedHashMap<>()).entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<UserId, Member> e) -> e.getValue().joinedAt())
                        .thenComparing(e -> e.getKey().value()))
                .limit(limit)
                .map(e -> new RoomMember(e.getKey(), users.findById(e.getKey()).orElseThrow().username(),
                        e.getValue().joinedAt(), e.getValue().role()))
                .toList();
    }

    @Override
    public synchronized boolean changeRole(RoomId room, UserId user, Membership.Role role) {
        LinkedHashMap<UserId, Member> inRoom = members.get(room.value());
        Member m = inRoom == null ? null : inRoom.get(user);
        if (m == null) {
            return false;
        }
        inRoom.put(user, new Member(role, m.joinedAt(), m.lastRead(), m.readAt(), m.mentionCount()));
        return true;
    }

    @Override
    public synchronized void saveMute(Mute mute) {
        mutes.put(List.of(mute.roomId(), mute.userId()), new Mute(mute.roomId(), mute.userId(),
                mute.until().truncatedTo(ChronoUnit.MILLIS), mute.mutedBy(), mute.at().truncatedTo(ChronoUnit.MILLIS)));
    }

    @Override
    public synchronized Optional<Mute> findMute(RoomId room, UserId user) {
        return Optional.ofNullable(mutes.get(List.of(room, user)));
    }

    @Override
    public synchronized Map<UserId, Mute> findMutes(RoomId room, Collection<UserId> users) {
        Map<UserId, Mute> found = new HashMap<>();
        for (UserId user : users) {
            findMute(room, user).ifPresent(m -> found.put(user, m));
        }
        return found;
    }

    @Override
    public synchronized boolean deleteMute(RoomId room, UserId user) {
        return mutes.remove(List.of(room, user)) != null;
    }

    @Override
    public synchronized boolean saveBan(Ban ban) {
        return bans.putIfAbsent(List.of(ban.roomId(), ban.userId()),
                new Ban(ban.roomId(), ban.userId(), ban.bannedBy(), ban.at().truncatedTo(ChronoUnit.MILLIS))) == null;
    }

    @Override
    public synchronized Optional<Ban> findBan(RoomId room, UserId user) {
        return Optional.ofNullable(bans.get(List.of(room, user)));
    }

    @Override
    public synchronized boolean deleteBan(RoomId room, UserId user) {
        return bans.remove(List.of(room, user)) != null;
    }

    @Override
    public synchronized Optional<MessageId> lastRead(RoomId room, UserId user) {
        Member m = members.getOrDefault(room.value(), new LinkedHashMap<>()).get(user);
        return m == null ? Optional.empty() : Optional.ofNullable(m.lastRead());
    }

    @Override
    public synchronized boolean advanceLastRead(RoomId room, UserId user, MessageId upTo, Instant at) {
        LinkedHashMap<UserId, Member> inRoom = members.get(room.value());
        Member m = inRoom == null ? null : inRoom.get(user);
        if (m != null && (m.lastRead() == null || m.lastRead().compareTo(upTo) < 0)) {
            inRoom.put(user, new Member(m.role(), m.joinedAt(), upTo, at.truncatedTo(ChronoUnit.MILLIS),
                    m.mentionCount()));
            return true;
        }
        return false;
    }

    @Override
    public synchronized Map<UserId, ReadPosition> sharedReadPositions(RoomId room, Collection<UserId> wanted) {
        Map<UserId, ReadPosition> positions = new HashMap<>();
        LinkedHashMap<UserId, Member> inRoom = members.getOrDefault(room.value(), new LinkedHashMap<>());
        for (UserId user : wanted) {
            Member m = inRoom.get(user);
            if (m != null && m.lastRead() != null && users.sharesReadReceipts(user)) {
                positions.put(user, new ReadPosition(m.lastRead(), m.readAt()));
            }
        }
        return positions;
    }

    @Override
    public synchronized List<Reader> seenBy(RoomId room, MessageId message, UserId except, int limit) {
        return members.getOrDefault(room.value(), new LinkedHashMap<>()).entrySet().stream()
                .filter(e -> !e.getKey().equals(except))
                .filter(e -> e.getValue().lastRead() != null && e.getValue().lastRead().compareTo(message) >= 0)
                .filter(e -> users.sharesReadReceipts(e.getKey()))
                // as the databases order: positions without a time (older than read receipts) first
                .sorted(Comparator.comparing((Map.Entry<UserId, Member> e) -> e.getValue().readAt(),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(e -> e.getKey().value()))
                .limit(Math.max(limit, 0))
                .map(e -> new Reader(e.getKey(), users.findById(e.getKey()).orElseThrow().username(),
                        e.getValue().readAt()))
                .toList();
    }

    private Member member(RoomId room, UserId user) {
        return members.getOrDefault(room.value(), new LinkedHashMap<>()).get(user);
    }

    /** The mention counter of a member ({@link InMemoryMentionRepository} keeps it); nothing for a non-member. */
    synchronized void setMentionCount(RoomId room, UserId user, java.util.function.LongUnaryOperator change) {
        Member m = member(room, user);
        if (m != null) {
            members.get(room.value()).put(user, new Member(m.role(), m.joinedAt(), m.lastRead(), m.readAt(),
                    Math.max(0, change.applyAsLong(m.mentionCount()))));
        }
    }

    private record Member(Membership.Role role, Instant joinedAt, MessageId lastRead, Instant readAt,
                          long mentionCount) {
    }
}
