package org.chatserver.application.service.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.application.port.in.room.RoomSummary;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomListener;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomWatch;
import org.chatserver.application.port.in.room.WatchUserUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.room.RoomRepository;
import org.chatserver.application.port.out.room.RoomRepository.RoomOverview;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.HistoryPosition;
import org.chatserver.domain.InvalidValueException;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomEvent.TypingKind;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.Username;

/**
 * A stream of all of a user's rooms for one connection: one {@link WatchRoomService#follow follower}
 * per room (its order, gap filling, resume and own posts as on the room endpoint), the user's room
 * list kept up to date from their {@link UserEvents}, and their unread and mention counts.
 *
 * <p><b>Counts.</b> The stream keeps each room's counts itself ({@link UnreadTally}): it starts from
 * the room list, read once at connect after every room's delivery has begun, and adds each message of
 * someone else delivered after the newest one that list knew (a mention of the user or of {@code
 * @room} adds to the mention count too); a delivered message deleted, or edited to mention the user
 * or no longer to, moves them back or forth. The user's own read position moving, on any device, sets
 * them anew ({@link UserEvent.ReadMoved}), keeping the messages delivered that those counts were taken
 * without. A deletion or edit of a message the stream did not count itself (it was in the counts it
 * was given) reads the room's counts again, once however many come at once, in the background. So
 * nothing is stored per message and reader, and no query runs per message delivered.
 *
 * <p><b>Membership.</b> Rooms added and removed ({@link UserEvent.RoomAdded}, {@link
 * UserEvent.RoomRemoved}, or the room's own removal notice) are handled one at a time, in order, off
 * the publisher's thread: an added room is read once (its room list item) and followed from where the
 * membership began ({@link UserEvent.RoomAdded#since}), so that what was posted since (the post that
 * joined the user, one right after a join) is delivered too, and counted once: the item is read after
 * that replay began, as the room list at connect; its events are held until {@code room_added} has gone
 * out, so none comes before it. A room the user joins while the stream connects (its RoomAdded arrives while
 * the room list is read) is left out of {@code connected} and added the same way right after it: followed
 * live from the connect, it would miss what was posted between the membership's commit and the follow.
 */
public final class WatchUserService implements WatchUserUseCase {

    private final RoomRepository rooms;
    private final WatchRoomService watches;
    private final UserEvents userEvents;
    private final Transactions transactions;
    private final Executor background;
    private final int maxRooms;

    /**
     * @param background runs each stream's membership changes (one at a time per stream); they read
     *                   the store, so not on a fan-out thread
     */
    public WatchUserService(RoomRepository rooms, WatchRoomService watches, UserEvents userEvents,
                            Transactions transactions, Executor background) {
        this(rooms, watches, userEvents, transactions, background, MAX_ROOMS);
    }

    public WatchUserService(RoomRepository rooms, WatchRoomService watches, UserEvents userEvents,
                            Transactions transactions, Executor background, int maxRooms) {
        if (maxRooms < 1) {
            throw new IllegalArgumentException("maxRooms must be at least 1");
        }
        this.rooms = rooms;
        this.watches = watches;
        this.userEvents = userEvents;
        this.transactions = transactions;
        this.background = background;
        this.maxRooms = maxRooms;
    }

    @Override
    public UserStream watch(AuthenticatedUser caller, Map<RoomId, HistoryPosition> since, String connectionId,
                            StreamListener listener) {
        Stream stream = new Stream(caller, connectionId, listener);
        try {
            stream.start(since == null ? Map.of() : since);
        } catch (RuntimeException e) {
            stream.close();
            throw e;
        }
        return stream;
    }

    private final class Stream implements UserStream {

        private final AuthenticatedUser caller;
        private final String connectionId;
        private final StreamListener listener;
        private final Map<RoomId, Followed> followed = new ConcurrentHashMap<>();
        /** The last status shown of each person: one who shares several rooms with the user is told once. */
        private final Map<Username, RoomEvent.StatusChanged> statuses = new HashMap<>();
        /** Every call of the listener, and every room's counts, are under this lock. */
        private final Object lock = new Object();
        private final Queue<UserEvent> membership = new ConcurrentLinkedQueue<>();
        /** Rooms whose counts are to be read again from the store, in the background with membership changes. */
        private final Set<RoomId> recounts = ConcurrentHashMap.newKeySet();
        private final AtomicBoolean draining = new AtomicBoolean();
        private volatile boolean started;
        private volatile boolean closed;
        private UserEvents.Subscription subscription;

        Stream(AuthenticatedUser caller, String connectionId, StreamListener listener) {
            this.caller = caller;
            this.connectionId = connectionId;
            this.listener = listener;
        }

        void start(Map<RoomId, HistoryPosition> since) {
            // first: a membership committed from now on is announced to this stream (RoomAdded), after "connected"
            subscription = userEvents.subscribe(caller.userId(), this::userEvent);
            Map<RoomId, InvalidValueException> refused = new HashMap<>();
            for (RoomOverview room : list()) {
                HistoryPosition position = since.get(room.room().id());
                if (leftToRoomAdded(room.room().id(), since)) {
                    continue;
                }
                try {
                    follow(room.room(), position);
                } catch (InvalidValueException e) {
                    if (position == null) {
                        throw e;
                    }
                    // one room's position is no reason to refuse the others' replays: that room goes on live
                    refused.put(room.room().id(), e);
                    follow(room.room(), null);
                }
            }
            // after every room's delivery began: a message is in these counts or delivered (or both)
            List<RoomOverview> carried = new ArrayList<>();
            for (RoomOverview room : list()) {
                Followed f = followed.get(room.room().id());
                // not followed: a membership that began after the first read, so after the subscription; its
                // RoomAdded (received or on its way) announces the room after "connected", from the membership's
                // start, where following it live from here would miss what was posted meanwhile
                if (f != null && !leftToRoomAdded(room.room().id(), since)) {
                    carried.add(room);
                    synchronized (lock) {
                        f.counted(room);
                    }
                }
            }
            Set<RoomId> current = new HashSet<>();
            carried.forEach(room -> current.add(room.room().id()));
            for (RoomId gone : new ArrayList<>(followed.keySet())) {
                if (!current.contains(gone)) {
                    unfollow(gone);
                }
            }
            List<RoomSummary> summaries = carried.stream().map(ManageRoomsService::summary).toList();
            synchronized (lock) {
                listener.connected(summaries);
                refused.forEach((room, reason) -> {
                    if (current.contains(room)) {
                        listener.resumeRefused(room, reason);
                    }
                });
                carried.forEach(room -> followed.get(room.room().id()).open());
            }
            started = true;
            drain();
        }

        /**
         * Whether a room of the lists read at connect is the user's since the stream subscribed: its RoomAdded has
         * come, to be handled after "connected", and carries it from the membership's start (unless the client
         * resumes the room from a position of its own). Followed live from the connect, it would miss what was
         * posted between the membership's commit and the follow. Asked again at the second read, before anything
         * of the room went out, for a RoomAdded that came late.
         */
        private boolean leftToRoomAdded(RoomId room, Map<RoomId, HistoryPosition> since) {
            return !since.containsKey(room)
                    && membership.stream().anyMatch(e -> e instanceof UserEvent.RoomAdded && e.room().equals(room));
        }

        private List<RoomOverview> list() {
            return transactions.inTransaction(() -> rooms.listMemberOf(caller.userId(), maxRooms));
        }

        private Followed follow(Room room, HistoryPosition since) {
            return followWith(room, f -> watches.follow(caller, room, since, connectionId, f));
        }

        /** From a place in the room's log the server named: where the user's membership began. */
        private Followed followAfter(Room room, ChangeId after) {
            return followWith(room, f -> watches.followAfter(caller, room, after, connectionId, f));
        }

        private Followed followWith(Room room, Function<Followed, RoomWatch> watching) {
            Followed f = new Followed(room.id());
            followed.put(room.id(), f);
            f.watch = watching.apply(f);
            return f;
        }

        /** Stops delivering the room; whether the stream carried it. */
        private boolean unfollow(RoomId room) {
            Followed f = followed.remove(room);
            if (f == null) {
                return false;
            }
            synchronized (lock) {
                f.gone = true;
            }
            if (f.watch != null) {
                f.watch.close();
            }
            return true;
        }

        // ---- membership and read positions (one at a time, in order, in the background) ----

        private void userEvent(UserEvent event) {
            membership.add(event);
            drain();
        }

        private void drain() {
            if (!started || closed || !draining.compareAndSet(false, true)) {
                return;
            }
            background.execute(() -> {
                try {
                    while (!closed) {
                        UserEvent event = membership.poll();
                        if (event != null) {
                            handle(event);
                            continue;
                        }
                        RoomId room = recounts.stream().findFirst().orElse(null);
                        if (room == null || !recounts.remove(room)) {
                            break;
                        }
                        recount(room);
                    }
                } catch (RuntimeException e) {
                    // the store failed: the client is best served by connecting again, which reads it all anew
                    closed = true;
                    synchronized (lock) {
                        listener.lost(e);
                    }
                } finally {
                    draining.set(false);
                }
                if (!membership.isEmpty() || !recounts.isEmpty()) {
                    drain();
                }
            });
        }

        private void handle(UserEvent event) {
            switch (event) {
                case UserEvent.RoomAdded added -> add(added);
                case UserEvent.RoomRemoved removed -> remove(removed.room());
                case UserEvent.ReadMoved read -> {
                    Followed f = followed.get(read.room());
                    if (f != null) {
                        f.deliver(() -> f.rebased(read.lastRead(), read.latest(), read.unreadCount(),
                                read.mentionCount(), true));
                    }
                }
            }
        }

        /** Reads the room's counts again (a message the stream did not count itself was changed). */
        private void recount(RoomId room) {
            Followed f = followed.get(room);
            if (f == null) {
                return;
            }
            Optional<RoomOverview> now;
            try {
                now = transactions.inTransaction(() -> rooms.overview(room, caller.userId()));
            } catch (RuntimeException e) {
                // the store failed: the counts stay as they were until the next read or recount, the
                // stream goes on (unlike a room it could not add, nothing it carries is missing)
                return;
            }
            now.ifPresent(o -> f.deliver(() -> f.rebased(o.lastRead(), o.latest(), o.unreadCount(),
                    o.mentionCount(), false)));
        }

        private void recountLater(RoomId room) {
            recounts.add(room);
            drain();
        }

        private void add(UserEvent.RoomAdded added) {
            RoomId room = added.room();
            if (followed.containsKey(room)) {
                return;
            }
            RoomOverview before = transactions.inTransaction(() -> rooms.membership(room, caller.userId())
                    .flatMap(m -> rooms.overview(room, caller.userId())).orElse(null));
            if (before == null) {
                // left again before this was handled: its removal follows or came first
                return;
            }
            // from where the membership began: what was posted since (the post that joined, one right after a join)
            // is the member's, held until room_added has gone out; an event that does not say: live from now
            Followed f = added.since() == null ? follow(before.room(), null)
                    : followAfter(before.room(), added.since().lastChange());
            // read after delivery began, as at connect: what it replays is in these counts, not counted again
            RoomOverview now = transactions.inTransaction(() -> rooms.overview(room, caller.userId()))
                    .orElse(before);
            synchronized (lock) {
                if (!closed && !f.gone) {
                    f.counted(now);
                    listener.roomAdded(ManageRoomsService.summary(now));
                    f.open();
                    return;
                }
            }
            if (closed) {
                // closed while the room was being read: its follower must not outlive the stream
                unfollow(room);
            }
        }

        private void remove(RoomId room) {
            if (unfollow(room)) {
                boolean banned = isBanned(room);
                synchronized (lock) {
                    if (!closed) {
                        if (banned) {
                            listener.banned(room);
                        }
                        listener.roomRemoved(room);
                    }
                }
            }
        }

        /** Whether the user's removal from the room is a ban, which the stream says, as a room connection does. */
        private boolean isBanned(RoomId room) {
            try {
                return transactions.inTransaction(() -> rooms.findBan(room, caller.userId())).isPresent();
            } catch (RuntimeException e) {
                // the store failed: the room is removed all the same, without saying why (nothing is missing)
                return false;
            }
        }

        // ---- the use case ----

        @Override
        public void checkCarries(RoomId room) {
            watchOf(room);
        }

        private RoomWatch watchOf(RoomId room) {
            Followed f = followed.get(room);
            if (f == null || f.watch == null) {
                // as REST answers the user there: banned from a room they can see, else no such room for them
                watches.refuseIfBanned(caller, room);
                throw new NotFoundException(Room.NOT_FOUND);
            }
            return f.watch;
        }

        @Override
        public Posted post(PostMessageCommand command) {
            return watchOf(command.room()).post(command);
        }

        @Override
        public void typing(RoomId room, TypingKind kind) {
            watchOf(room).typing(kind);
        }

        @Override
        public void close() {
            closed = true;
            if (subscription != null) {
                subscription.close();
            }
            for (RoomId room : new ArrayList<>(followed.keySet())) {
                unfollow(room);
            }
        }

        /** One room of the stream: what its follower delivers, and the user's counts of it. */
        private final class Followed implements RoomListener {

            final RoomId room;
            volatile RoomWatch watch;
            // guarded by the stream's lock
            private final List<Runnable> held = new ArrayList<>();
            private boolean opened;
            boolean gone;
            private final UnreadTally tally = new UnreadTally(caller.userId(), caller.username());

            Followed(RoomId room) {
                this.room = room;
            }

            /** Counts as the room list shows them; messages after its newest one are counted as they come. */
            void counted(RoomOverview overview) {
                tally.rebase(overview.lastRead(), overview.latest(), overview.unreadCount(), overview.mentionCount());
            }

            /**
             * Counts read from the store (a read's, or a recount's); shown when they changed, or always
             * with {@code show} (a read: the user's other devices follow it). Call holding the lock.
             */
            void rebased(MessageId lastRead, MessageId latest, long unreadCount, long mentionCount, boolean show) {
                long unread = tally.unread();
                long mentions = tally.mentions();
                if (tally.rebase(lastRead, latest, unreadCount, mentionCount)) {
                    recountLater(room);
                }
                if (show || unread != tally.unread() || mentions != tally.mentions()) {
                    listener.unread(room, tally.unread(), tally.mentions());
                }
            }

            /** Lets through what was held until the room was announced. Call holding the lock. */
            void open() {
                opened = true;
                held.forEach(Runnable::run);
                held.clear();
            }

            void deliver(Runnable shown) {
                synchronized (lock) {
                    if (closed || gone) {
                        return;
                    }
                    if (opened) {
                        shown.run();
                    } else {
                        held.add(shown);
                    }
                }
            }

            @Override
            public void onEvent(RoomEvent event) {
                if (event instanceof RoomEvent.Presence) {
                    // watchers of rooms coming and going: the room endpoint's notion, not a stream's
                    return;
                }
                if (event instanceof RoomEvent.MemberUpdated) {
                    // roles and mutes are for a room's open page (its tools, its members list); a stream of all
                    // the user's rooms lists none of them
                    return;
                }
                if (event instanceof RoomEvent.StatusChanged status) {
                    deliver(() -> {
                        if (!status.user().equals(caller.username()) && !sameAsShown(status)) {
                            listener.onEvent(status);
                        }
                    });
                    return;
                }
                deliver(() -> {
                    listener.onEvent(event);
                    UnreadTally.Outcome counts = switch (event) {
                        case RoomEvent.MessagePosted posted -> tally.posted(posted.message());
                        case RoomEvent.MessageDeleted deleted -> tally.deleted(deleted.messageId());
                        case RoomEvent.MessageEdited edited -> tally.edited(edited.message());
                        default -> UnreadTally.Outcome.UNCHANGED;
                    };
                    switch (counts) {
                        case CHANGED -> listener.unread(room, tally.unread(), tally.mentions());
                        case RECOUNT -> recountLater(room);
                        case UNCHANGED -> {
                        }
                    }
                });
            }

            /** Whether the person's status was shown already, as it is now (the lock is held). */
            private boolean sameAsShown(RoomEvent.StatusChanged status) {
                RoomEvent.StatusChanged shown = statuses.put(status.user(), status);
                return shown != null && shown.presence().tellsTheSameAs(status.presence());
            }

            @Override
            public void acknowledged(Message mine) {
                deliver(() -> listener.acknowledged(mine));
            }

            @Override
            public void revoked() {
                // the room's own notice (a private room): the same as the user's
                userEvent(new UserEvent.RoomRemoved(caller.userId(), room));
            }

            @Override
            public void historyTruncated(MessageId resumeAfter, MessageId liveFrom, ChangeId resumeCursor,
                                         ChangeId liveCursor) {
                deliver(() -> listener.historyTruncated(room, resumeAfter, liveFrom, resumeCursor, liveCursor));
            }
        }
    }
}
