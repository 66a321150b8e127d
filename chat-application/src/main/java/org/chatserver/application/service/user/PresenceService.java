package org.chatserver.application.service.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.room.RoomMembershipUseCase.MembersList;
import org.chatserver.application.port.in.user.PresenceUseCase;
import org.chatserver.application.port.in.user.TrackPresenceUseCase;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.user.PresenceStore;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.PresenceStatus;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;
import org.chatserver.domain.UserPresence;
import org.chatserver.domain.Username;

/**
 * Presence from this node's connections, combined over every node by the {@link PresenceStore}.
 *
 * <p>A connection is active until it has been silent for {@code awayAfter} or its client said
 * the user is away; any frame makes it active again. On this node a user is online while one of
 * their connections is active, away while they have connections but none active, offline once
 * the last one closed. Only a change of that is reported to the store: a frame costs a field
 * update, and nothing at all is written per heartbeat or per frame.
 */
public final class PresenceService implements PresenceUseCase, TrackPresenceUseCase {

    public static final Duration DEFAULT_AWAY_AFTER = Duration.ofMinutes(5);
    static final String USER_NOT_FOUND = "User not found";

    private final PresenceStore store;
    private final UserRepository users;
    private final RoomRepository rooms;
    private final Clock clock;
    private final Duration awayAfter;
    private final PresenceAnnouncements announcements;
    /** Guarded by {@code byUser}: the names of the users with connections here, for announcements. */
    private final Map<UserId, Username> names = new HashMap<>();
    private final Map<String, Tracked> connections = new ConcurrentHashMap<>();
    /** Guarded by itself: each user's connections here, and what was last reported for them. */
    private final Map<UserId, Set<Tracked>> byUser = new HashMap<>();
    private final Map<UserId, PresenceStatus> reported = new HashMap<>();

    public PresenceService(PresenceStore store, UserRepository users, RoomRepository rooms, Clock clock,
                           Duration awayAfter) {
        this(store, users, rooms, clock, awayAfter, null);
    }

    /**
     * @param rooms         who shares a room with whom: those see each other's presence
     * @param announcements tells the rooms of a user whose status changed (null: nobody is told)
     */
    public PresenceService(PresenceStore store, UserRepository users, RoomRepository rooms, Clock clock,
                           Duration awayAfter, PresenceAnnouncements announcements) {
        this.announcements = announcements;
        if (awayAfter.isNegative() || awayAfter.isZero()) {
            throw new IllegalArgumentException("awayAfter must be positive");
        }
        this.store = Objects.requireNonNull(store, "store");
        this.users = Objects.requireNonNull(users, "users");
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.awayAfter = awayAfter;
        if (announcements != null) {
            store.whenUnreported(this::changedUnreported);
        }
    }

    private static final class Tracked {

        final UserId user;
        volatile Instant lastHeard;
        volatile boolean declaredAway;
        volatile boolean idle;

        Tracked(UserId user, Instant now) {
            this.user = user;
            this.lastHeard = now;
        }

        boolean active() {
            return !declaredAway && !idle;
        }
    }

    // ---- tracking ----

    @Override
    public void connected(AuthenticatedUser user, String connectionId) {
        Tracked tracked = new Tracked(user.userId(), clock.instant());
        if (connections.putIfAbsent(connectionId, tracked) != null) {
            return;
        }
        synchronized (byUser) {
            byUser.computeIfAbsent(user.userId(), u -> new HashSet<>()).add(tracked);
            names.put(user.userId(), user.username());
            settle(user.userId());
        }
    }

    @Override
    public void heard(String connectionId) {
        Tracked tracked = connections.get(connectionId);
        if (tracked == null) {
            return;
        }
        tracked.lastHeard = clock.instant();
        if (!tracked.active()) {
            synchronized (byUser) {
                tracked.idle = false;
                tracked.declaredAway = false;
                settle(tracked.user);
            }
        }
    }

    @Override
    public void declared(String connectionId, boolean away) {
        Tracked tracked = connections.get(connectionId);
        if (tracked == null) {
            return;
        }
        synchronized (byUser) {
            tracked.declaredAway = away;
            if (!away) {
                tracked.idle = false;
                tracked.lastHeard = clock.instant();
            }
            settle(tracked.user);
        }
    }

    @Override
    public void disconnected(String connectionId) {
        Tracked tracked = connections.remove(connectionId);
        if (tracked == null) {
            return;
        }
        synchronized (byUser) {
            Set<Tracked> left = byUser.get(tracked.user);
            if (left != null) {
                left.remove(tracked);
                if (left.isEmpty()) {
                    byUser.remove(tracked.user);
                }
            }
            settle(tracked.user);
        }
    }

    @Override
    public void sweep() {
        Instant silentSince = clock.instant().minus(awayAfter);
        for (Tracked tracked : connections.values()) {
            if (!tracked.idle && !tracked.lastHeard.isAfter(silentSince)) {
                synchronized (byUser) {
                    tracked.idle = true;
                    settle(tracked.user);
                }
            }
        }
    }

    /** Reports the user's status on this node when it changed. Call holding {@code byUser}. */
    private void settle(UserId user) {
        Set<Tracked> mine = byUser.getOrDefault(user, Set.of());
        PresenceStatus now = mine.isEmpty() ? PresenceStatus.OFFLINE
                : mine.stream().anyMatch(Tracked::active) ? PresenceStatus.ONLINE : PresenceStatus.AWAY;
        PresenceStatus before = reported.get(user);
        if (now == before || now == PresenceStatus.OFFLINE && before == null) {
            return;
        }
        if (now == PresenceStatus.OFFLINE) {
            reported.remove(user);
        } else {
            reported.put(user, now);
        }
        store.report(user, now, clock.instant());
        Username name = now == PresenceStatus.OFFLINE ? names.remove(user) : names.get(user);
        if (announcements != null && name != null) {
            // over every node: one node's user going offline may still be online on another
            announcements.changed(user, name, () -> presence(List.of(user)).get(user));
        }
    }

    /**
     * Users whose status changed with no node's report (their node died, or the others took this one for dead and
     * it is back): their rooms are told here, as for a change on this node. Their names are read in the
     * background, where the announcements run.
     */
    private void changedUnreported(Set<UserId> lost) {
        for (UserId user : lost) {
            announcements.changed(user, () -> users.findById(user).map(User::username),
                    () -> presence(List.of(user)).get(user));
        }
    }

    // ---- queries ----

    @Override
    public UserView user(AuthenticatedUser caller, Username username) {
        User user = users.findByUsername(username).orElseThrow(() -> new NotFoundException(USER_NOT_FOUND));
        return new UserView(user, Optional.ofNullable(presence(caller, List.of(user.id())).get(user.id())));
    }

    @Override
    public Map<UserId, UserPresence> presence(AuthenticatedUser caller, Collection<UserId> wanted) {
        // the people whose streams are told of a user's changes (their rooms' members), and nobody else
        Set<UserId> seen = new HashSet<>(rooms.sharingARoomWith(caller.userId(),
                wanted.stream().filter(user -> !user.equals(caller.userId())).toList()));
        if (wanted.contains(caller.userId())) {
            seen.add(caller.userId());
        }
        return presence(wanted.stream().filter(seen::contains).distinct().toList());
    }

    @Override
    public Map<UserId, UserPresence> presenceOfMembers(AuthenticatedUser caller, MembersList list) {
        // a member shares this room with everyone on its list: nobody to look up
        return list.readByMember(caller.userId()) ? presence(list.ids()) : presence(caller, list.ids());
    }

    /** The presence of each of {@code wanted} (every one of them is in the map), whoever asks. */
    Map<UserId, UserPresence> presence(Collection<UserId> wanted) {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Map<UserId, UserPresence> stored = store.presence(wanted);
        Instant now = clock.instant();
        Map<UserId, UserPresence> result = new LinkedHashMap<>();
        for (UserId user : wanted) {
            UserPresence presence = stored.getOrDefault(user, UserPresence.NEVER_SEEN);
            // someone connected is seen now
            result.put(user, presence.status() == PresenceStatus.OFFLINE ? presence
                    : new UserPresence(presence.status(), now));
        }
        return result;
    }
}
