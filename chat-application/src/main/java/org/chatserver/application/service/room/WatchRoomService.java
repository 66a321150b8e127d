package org.chatserver.application.service.room;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.application.port.in.room.WatchRoomUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.message.ReactionRepository;
import org.chatserver.application.service.message.ChangeReplay;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.application.port.out.user.UserEvents;
import org.chatserver.domain.UserEvent;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.HistoryPosition;
import org.chatserver.domain.Membership;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent.MessagePosted;
import org.chatserver.domain.RoomEvent.TypingKind;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

/**
 * Live delivery to one connection, in the order of the room's change log, each change once, without
 * gaps, and without the connection's own posts.
 *
 * <p>Changes to a room (posts, edits, deletions, reactions, pins) are logged in commit order (the
 * repository serialises them), and each event names the change before it. A watcher delivers an event
 * whose predecessor it has delivered; an event further ahead means fan-out reordered or lost
 * something, and since that event is committed, so is everything before it: the gap is read from the
 * log, each change with its message as it is now. Events at or below the last delivered change are
 * repeats and dropped. A resync (the bus was down) reads everything after the last delivered change.
 * Events without a place in the log (from a node of before it) are put in order by message id, as
 * before.
 *
 * <p>With several nodes, a change can overtake the one before it: this node's own post is handed to its
 * watchers at once, the post another node committed just before it is still on its way through the bus.
 * Such a change waits up to {@code reorderWait} for the changes before it (each watcher reading the log
 * for every overtaking would multiply the store's reads by the room's watchers); what has not come by then
 * is read from the log. A watch keeps at most {@value #MAX_AHEAD} waiting changes.
 *
 * <p>A connection posts through its watch. While one of its messages is being stored, the watch
 * holds events back: filling a gap may read that very message from the store before its id is
 * known, and the sender must never be shown its own message. Once stored, the watch acknowledges
 * it, remembers its id as the connection's own, and lets the held events through.
 *
 * <p>Comings and goings are announced only in rooms with at most {@code presenceLimit} watchers on
 * this node: in a room of thousands, every join would otherwise cost thousands of notices, and a
 * reconnecting crowd the square of its size.
 */
public final class WatchRoomService implements WatchRoomUseCase, AutoCloseable {

    public static final int DEFAULT_PRESENCE_LIMIT = 100;
    /** Events held per watch while its own posts are stored; beyond, messages are read again from the store. */
    static final int MAX_HELD = 1000;
    private static final int GAP_PAGE = 200;
    /** Changes one watch keeps waiting for the changes before them; beyond, the log is read at once. */
    static final int MAX_AHEAD = 1000;

    private final MessageRepository messages;
    private final ChangeReplay replay;
    private final RoomAccess access;
    private final RoomEvents events;
    private final PostMessageUseCase posting;
    private final Transactions transactions;
    private final Clock clock;
    private final int presenceLimit;
    private final TypingGate typingGate;
    private final UserEvents userEvents;
    private final Map<RoomId, Integer> watchers = new ConcurrentHashMap<>();
    private final FurthestReads furthestReads = new FurthestReads();
    private final Duration reorderWait;
    /** Ends the waits of changes that overtook others; null when they do not wait. */
    private final ScheduledExecutorService reorderTimers;

    /**
     * @param presenceLimit the most watchers a room may have on this node for joins and leaves to be
     *                      announced in it
     */
    public WatchRoomService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                            RoomEvents events, PostMessageUseCase posting, Transactions transactions, Clock clock,
                            int presenceLimit) {
        this(messages, reactions, access, events, posting, transactions, clock, presenceLimit, TypingGate.OPEN);
    }

    /** @param typingGate in which rooms typing is relayed (not in big ones) */
    public WatchRoomService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                            RoomEvents events, PostMessageUseCase posting, Transactions transactions, Clock clock,
                            int presenceLimit, TypingGate typingGate) {
        this(messages, reactions, access, events, posting, transactions, clock, presenceLimit, typingGate,
                UserEvents.NONE);
    }

    /** @param userEvents where the watcher's streams hear that watching a public room joined them to it */
    public WatchRoomService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                            RoomEvents events, PostMessageUseCase posting, Transactions transactions, Clock clock,
                            int presenceLimit, TypingGate typingGate, UserEvents userEvents) {
        this(messages, reactions, access, events, posting, transactions, clock, presenceLimit, typingGate, userEvents,
                Duration.ZERO);
    }

    /**
     * @param reorderWait how long a change that overtook the one before it waits for it before the log is read
     *                    (see the class); zero: at once
     */
    public WatchRoomService(MessageRepository messages, ReactionRepository reactions, RoomAccess access,
                            RoomEvents events, PostMessageUseCase posting, Transactions transactions, Clock clock,
                            int presenceLimit, TypingGate typingGate, UserEvents userEvents, Duration reorderWait) {
        if (reorderWait == null || reorderWait.isNegative()) {
            throw new IllegalArgumentException("reorderWait must not be negative");
        }
        this.reorderWait = reorderWait;
        this.reorderTimers = reorderWait.isZero() ? null : Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("chat-reorder-wait").daemon().factory());
        this.userEvents = userEvents;
        this.typingGate = typingGate;
        if (presenceLimit < 0) {
            throw new IllegalArgumentException("presenceLimit must not be negative");
        }
        this.messages = messages;
        this.replay = new ChangeReplay(messages, reactions);
        this.access = access;
        this.events = events;
        this.posting = posting;
        this.transactions = transactions;
        this.clock = clock;
        this.presenceLimit = presenceLimit;
    }

    @Override
    public RoomWatch watch(AuthenticatedUser caller, RoomId roomId, HistoryPosition since, String connectionId,
                           RoomListener listener) {
        record Watched(Room room, Optional<UserEvent.RoomAdded> joined) {
        }
        Watched watched = transactions.inTransaction(() -> {
            Room r = access.visibleRoom(caller, roomId);
            return new Watched(r, access.ensureMember(r, caller.userId(), clock.instant()));
        });
        Room room = watched.room();
        watched.joined().ifPresent(userEvents::publish);
        Watch watch = new Watch(caller, room, connectionId, listener, true);
        int watching = count(room.id(), 1);
        try {
            deliver(watch, () -> watch.start(since));
        } catch (RuntimeException e) {
            count(room.id(), -1);
            throw e;
        }
        if (watching <= presenceLimit) {
            events.publish(new RoomEvent.Presence(room.id(), caller.username(), true, clock.instant(), connectionId));
        }
        return watch;
    }

    /**
     * A live view of a room the caller is a member of already, for a stream of all their rooms
     * ({@link WatchUserService}): the same order, gap filling, resume and own-post handling as
     * {@link #watch}, but no join, and no arrival or departure announced in the room (nor counted
     * towards its presence limit): a stream comes and goes with the user, not with the room.
     */
    RoomWatch follow(AuthenticatedUser caller, Room room, HistoryPosition since, String connectionId,
                     RoomListener listener) {
        Watch watch = new Watch(caller, room, connectionId, listener, false);
        deliver(watch, () -> watch.start(since));
        return watch;
    }

    /**
     * As {@link #follow}, from a place in the room's log that the server named itself, not a client (where the
     * caller's membership began, {@link UserEvent.RoomAdded#since}): every change after {@code after} is
     * delivered, every change of the room when it is null. When they are more than {@value #MAX_RESUME} (the
     * membership was handled late in a busy room), none is: {@link RoomListener#historyTruncated} names the
     * whole range, from {@code after}, for the client to fetch.
     */
    RoomWatch followAfter(AuthenticatedUser caller, Room room, ChangeId after, String connectionId,
                          RoomListener listener) {
        Watch watch = new Watch(caller, room, connectionId, listener, false);
        deliver(watch, () -> watch.startAfter(after));
        return watch;
    }

    /**
     * Refuses the caller's frame about a room their stream does not follow when they are banned from it, as REST
     * refuses them there ({@link RoomAccess#refuseIfBanned}); returns otherwise (not found for the stream).
     */
    void refuseIfBanned(AuthenticatedUser caller, RoomId room) {
        transactions.run(() -> access.refuseIfBanned(caller, room));
    }

    /** Subscribes the watch and starts delivery (the replay first); unsubscribed again when that fails. */
    private void deliver(Watch watch, Runnable start) {
        try {
            watch.subscription = events.subscribe(watch.room.id(), watch::accept);
            start.run();
        } catch (RuntimeException e) {
            if (watch.subscription != null) {
                watch.subscription.close();
            }
            throw e;
        }
    }

    /** Stops the timers of changes waiting for the ones they overtook (at shutdown). */
    @Override
    public void close() {
        if (reorderTimers != null) {
            reorderTimers.shutdownNow();
        }
    }

    /** Adds {@code change} to the room's watchers on this node; the count after it. */
    private int count(RoomId room, int change) {
        int[] after = new int[1];
        watchers.compute(room, (r, n) -> {
            after[0] = (n == null ? 0 : n) + change;
            return after[0] <= 0 ? null : after[0];
        });
        return after[0];
    }

    private boolean announcesPresence(RoomId room) {
        return watchers.getOrDefault(room, 0) <= presenceLimit;
    }

    private final class Watch implements RoomWatch {

        private final AuthenticatedUser caller;
        private final Room room;
        private final String connectionId;
        private final RoomListener listener;
        /** Counted among the room's watchers, its arrival and departure announced in the room. */
        private final boolean announced;
        private final Object lock = new Object();
        private final List<RoomEvent> early = new ArrayList<>();
        private final List<RoomEvent> held = new ArrayList<>();
        /** Ids of this connection's own messages not delivered past yet. */
        private final NavigableSet<MessageId> own = new TreeSet<>();
        private RoomEvents.Subscription subscription;
        private boolean started;
        private boolean closed;
        private boolean unsubscribed;
        private int postsInFlight;
        /** The newest change dropped because too much was held: read from the log on release. */
        private ChangeId heldBeyond;
        /** The last change of the room delivered (or known when watching began without resuming). */
        private ChangeId lastChange;
        /** The newest message delivered or known: this connection's posts beyond it are its own to skip. */
        private MessageId lastMessage;
        /** Changes that overtook the ones before them, waiting for them (see the class). */
        private final NavigableMap<ChangeId, RoomEvent.Change> ahead = new TreeMap<>();
        /** Ends the current wait of {@link #ahead}; null when nothing waits. */
        private Future<?> aheadTimer;
        /**
         * The watcher's place in the room (room endpoint watches only), read once subscribed and kept current by the
         * role changes the watch hears: whose mutes it is told of ({@link RoomEvent.MemberUpdated#isToldTo}) without
         * a read per event.
         */
        private Optional<Membership> membership = Optional.empty();

        Watch(AuthenticatedUser caller, Room room, String connectionId, RoomListener listener, boolean announced) {
            this.announced = announced;
            this.caller = caller;
            this.room = room;
            this.connectionId = connectionId;
            this.listener = listener;
        }

        /** Starts delivery after a client's position, live when null. */
        void start(HistoryPosition since) {
            begin(since, false, latest -> switch (since) {
                case null -> latest;
                case ChangeId change -> change.seenIn(room.id(), messages.roomOfChange(change));
                // a client of before the log: from the post of the last message it has
                case MessageId message -> messages.changeOfPostAtOrBefore(room.id(),
                        message.seenIn(room.id(), messages.findById(message).map(Message::roomId))).orElse(null);
            });
        }

        /**
         * Starts delivery after a change the server named (null: from the room's first change), where the client
         * has nothing of the room before: more than a replay carries is replayed not at all, see {@link #replay}.
         */
        void startAfter(ChangeId after) {
            begin(after, true, latest -> after);
        }

        /** Replays the changes after the one {@code from} gives for the room's latest (none: all), then goes live. */
        private void begin(HistoryPosition since, boolean wholeOrNothing, UnaryOperator<ChangeId> from) {
            synchronized (lock) {
                // after subscribing: a role change from now on is among the events, one before is in the store. Not for
                // a stream of all the user's rooms, which shows no member updates: no read per room at its connect
                if (announced) {
                    membership = access.membership(room.id(), caller.userId());
                }
                ChangeId latest = messages.latestChange(room.id()).orElse(null);
                lastMessage = messages.latestId(room.id()).orElse(null);
                ChangeId after = from.apply(latest);
                if (latest == null || after != null && after.compareTo(latest) >= 0) {
                    lastChange = latest;
                } else {
                    replay(since, wholeOrNothing, after, latest);
                }
                started = true;
                early.forEach(this::handle);
                early.clear();
            }
        }

        /**
         * Delivers the changes after {@code from}, at most {@value #MAX_RESUME}; beyond, says from where to fetch
         * the rest. A client resuming has the changes up to {@code from} and gets the first ones, the rest to
         * fetch. With {@code wholeOrNothing} (a room new to the client, from where its membership began) it gets
         * none: the whole range to fetch, one read of the log from the start of what is its, rather than a head
         * of it here and the rest to fetch and put after it.
         */
        private void replay(HistoryPosition since, boolean wholeOrNothing, ChangeId from, ChangeId latest) {
            MessageId latestMessage = lastMessage;
            lastChange = from;
            lastMessage = since instanceof MessageId message ? message : null;
            List<RoomChange> missed = messages.changesAfter(room.id(), from, MAX_RESUME + 1);
            List<RoomChange> sent = missed.size() <= MAX_RESUME ? missed
                    : wholeOrNothing ? List.of() : missed.subList(0, MAX_RESUME);
            deliverStored(sent);
            if (missed.size() > MAX_RESUME) {
                ChangeId resumeCursor = lastChange;
                MessageId resumeAfter = lastMessage;
                lastChange = latest;
                lastMessage = latestMessage;
                // the message ids are one range to page (after resume_after, up to live_from): with nothing to
                // page from (a cursor's resume whose replayed changes held no post, a room new to the client) neither
                // is told, the cursors are (no resume cursor: from the room's first change)
                listener.historyTruncated(resumeAfter, resumeAfter == null ? null : latestMessage, resumeCursor,
                        latest);
            } else if (lastMessage == null || latestMessage != null && latestMessage.compareTo(lastMessage) > 0) {
                lastMessage = latestMessage;
            }
        }

        void accept(RoomEvent event) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                if (!started) {
                    early.add(event);
                } else if (postsInFlight > 0) {
                    hold(event);
                } else {
                    handle(event);
                }
            }
        }

        private void hold(RoomEvent event) {
            if (held.size() < MAX_HELD) {
                held.add(event);
            } else if (event instanceof RoomEvent.Change change && change.change() != null
                    && (heldBeyond == null || change.change().id().compareTo(heldBeyond) > 0)) {
                // a store stall while the room is busy: changes are read again on release, notices are lost
                heldBeyond = change.change().id();
            }
        }

        @Override
        public Posted post(PostMessageCommand command) {
            if (!room.id().equals(command.room())) {
                throw new IllegalArgumentException("a watch posts to its own room only");
            }
            synchronized (lock) {
                postsInFlight++;
            }
            Posted posted = null;
            try {
                posted = posting.post(caller, command);
                return posted;
            } finally {
                settle(posted);
            }
        }

        /** A post of this connection is over (stored, or failed when null): answer it, then let held events through. */
        private void settle(Posted posted) {
            synchronized (lock) {
                postsInFlight--;
                if (closed) {
                    return;
                }
                if (posted != null) {
                    MessageId id = posted.id();
                    if (lastMessage == null || id.compareTo(lastMessage) > 0) {
                        own.add(id);
                    }
                    listener.acknowledged(posted.message().message());
                }
                if (postsInFlight == 0) {
                    release();
                }
            }
        }

        private void release() {
            List<RoomEvent> waiting = List.copyOf(held);
            held.clear();
            ChangeId beyond = heldBeyond;
            heldBeyond = null;
            for (RoomEvent event : waiting) {
                if (closed) {
                    return;
                }
                handle(event);
            }
            if (beyond != null && !closed && (lastChange == null || beyond.compareTo(lastChange) > 0)) {
                fillFromStore(beyond, true);
                showAhead(false);
            }
        }

        private void handle(RoomEvent event) {
            switch (event) {
                case RoomEvent.MemberRemoved removed -> {
                    if (removed.user().equals(caller.userId())) {
                        closed = true;
                        if (removed.banned()) {
                            listener.banned();
                        } else {
                            listener.revoked();
                        }
                    }
                }
                case RoomEvent.Presence presence -> {
                    // a connection knows it arrived: "connected" told it
                    if (!isMine(presence) && announcesPresence(room.id())) {
                        listener.onEvent(presence);
                    }
                }
                case RoomEvent.Typing typing -> {
                    // for the others: not on this connection, nor on the typist's other devices
                    if (!typing.user().sameAs(caller.username())) {
                        listener.onEvent(typing);
                    }
                }
                // a role to everyone, a mute to those whose members list shows it; the watcher's own role change
                // also changes whose mutes they see from now on
                case RoomEvent.MemberUpdated updated -> {
                    if (!updated.mute() && updated.userId().equals(caller.userId())) {
                        membership = membership.map(m -> m.withRole(updated.role()));
                    }
                    if (updated.isToldTo(caller.userId(), membership)) {
                        listener.onEvent(updated);
                    }
                }
                // for the streams of all of a user's rooms; the room endpoint shows no such thing
                case RoomEvent.StatusChanged status -> {
                    if (!announced) {
                        listener.onEvent(status);
                    }
                }
                // everyone, the one who made the change too: the frame is the new state (a reaction's
                // new summary, an edited text) and answers them
                case RoomEvent.Change change -> order(change);
                // the reader's own connections too: their other devices follow where they are; not a move
                // another node published before one this node handed on already
                case RoomEvent.ReadMoved read -> {
                    if (furthestReads.isNotBehind(read)) {
                        listener.onEvent(read);
                    }
                }
                // fan-out may have lost events (the bus was down, a node stopped before it could publish):
                // the change log has them; nothing to read when this watch delivered the change named already
                case RoomEvent.Resync resync -> {
                    if (resync.upTo() == null || lastChange == null || resync.upTo().compareTo(lastChange) > 0) {
                        catchUp();
                    }
                }
            }
        }

        private boolean isMine(RoomEvent event) {
            return connectionId.equals(event.origin());
        }

        private void order(RoomEvent.Change event) {
            RoomChange.Mark mark = event.change();
            if (mark == null) {
                // from a node that keeps no change log: only posts can be put in order, by message id
                orderWithoutLog(event);
                return;
            }
            if (lastChange != null && mark.id().compareTo(lastChange) <= 0) {
                return;
            }
            if (Objects.equals(mark.previous(), lastChange)) {
                show(event);
                showAhead(false);
                return;
            }
            if (reorderTimers == null) {
                fillFromStore(mark.id(), false);
                show(event);
                return;
            }
            ahead.put(mark.id(), event);
            if (ahead.size() > MAX_AHEAD) {
                showAhead(true);
            } else if (aheadTimer == null) {
                waitForTheMissing();
            }
        }

        private void waitForTheMissing() {
            try {
                aheadTimer = reorderTimers.schedule(this::waitedForTheMissing, reorderWait.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // shutting down: read the log now rather than leave the changes waiting
                showAhead(true);
            }
        }

        /** The wait is over: what is still missing is read from the log (not while a post of this connection is stored). */
        private void waitedForTheMissing() {
            synchronized (lock) {
                aheadTimer = null;
                if (closed || ahead.isEmpty()) {
                    return;
                }
                if (postsInFlight > 0) {
                    // the log may hold this connection's own post, its id not known yet: wait on
                    waitForTheMissing();
                    return;
                }
                showAhead(true);
            }
        }

        /**
         * Shows the waiting changes that now follow the last delivered one, in order; with {@code fill}, reads
         * the missing ones before each from the log, so that none is left waiting.
         */
        private void showAhead(boolean fill) {
            while (!ahead.isEmpty() && !closed) {
                Map.Entry<ChangeId, RoomEvent.Change> next = ahead.firstEntry();
                if (lastChange != null && next.getKey().compareTo(lastChange) <= 0) {
                    ahead.pollFirstEntry();
                    continue;
                }
                if (!Objects.equals(next.getValue().change().previous(), lastChange)) {
                    if (!fill) {
                        break;
                    }
                    fillFromStore(next.getKey(), false);
                }
                ahead.pollFirstEntry();
                show(next.getValue());
            }
            if (ahead.isEmpty() && aheadTimer != null) {
                aheadTimer.cancel(false);
                aheadTimer = null;
            }
        }

        private void orderWithoutLog(RoomEvent.Change event) {
            if (event instanceof MessagePosted posted) {
                MessageId id = posted.message().id();
                if (lastMessage != null && id.compareTo(lastMessage) <= 0) {
                    return;
                }
            }
            show(event);
        }

        /** Delivers the logged changes after the last delivered one, up to {@code bound}. */
        private void fillFromStore(ChangeId bound, boolean inclusive) {
            while (lastChange == null || lastChange.compareTo(bound) < 0) {
                List<RoomChange> page = messages.changesAfter(room.id(), lastChange, GAP_PAGE);
                List<RoomChange> wanted = page.stream().filter(c -> {
                    int order = c.id().compareTo(bound);
                    return order < 0 || inclusive && order == 0;
                }).toList();
                deliverStored(wanted);
                if (wanted.size() < page.size() || page.size() < GAP_PAGE) {
                    break;
                }
            }
        }

        /** Fan-out may have lost events: delivers what the log holds after the last delivered change. */
        private void catchUp() {
            List<RoomChange> page;
            do {
                page = messages.changesAfter(room.id(), lastChange, GAP_PAGE);
                deliverStored(page);
            } while (page.size() == GAP_PAGE);
            showAhead(false);
        }

        /** Consecutive changes from the log, right after the last delivered one. */
        private void deliverStored(List<RoomChange> changes) {
            if (changes.isEmpty()) {
                return;
            }
            replay.events(changes, lastChange).forEach(this::show);
            // the changes left out (a post of a message deleted since) are past too
            lastChange = changes.getLast().id();
        }

        /**
         * The next change in order. A post is shown unless it is this connection's own, which its sender
         * already shows; every other change is shown to everyone.
         */
        private void show(RoomEvent.Change event) {
            if (event.change() != null) {
                lastChange = event.change().id();
            }
            if (event instanceof MessagePosted posted) {
                MessageId id = posted.message().id();
                boolean mine = own.contains(id) || isMine(posted);
                if (lastMessage == null || id.compareTo(lastMessage) > 0) {
                    lastMessage = id;
                }
                // nothing at or below the last delivered id is ever shown again
                own.headSet(id, true).clear();
                if (!mine) {
                    listener.onEvent(posted);
                }
            } else {
                listener.onEvent(event);
            }
        }

        @Override
        public Room room() {
            return room;
        }

        @Override
        public void typing(TypingKind kind) {
            if (!typingGate.allows(room.id())) {
                // a big room: nobody is told, on any node
                return;
            }
            if (kind != TypingKind.TYPING_STOP && access.isMuted(room.id(), caller.userId(), clock.instant())) {
                // nothing they type would be posted, so nobody is told they are typing, the original protocol's
                // one-shot "typing" included (a stop still goes out)
                return;
            }
            events.publish(new RoomEvent.Typing(room.id(), caller.username(), kind, clock.instant(), connectionId));
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (unsubscribed) {
                    return;
                }
                closed = true;
                unsubscribed = true;
                held.clear();
                ahead.clear();
                if (aheadTimer != null) {
                    aheadTimer.cancel(false);
                    aheadTimer = null;
                }
            }
            subscription.close();
            if (announced && count(room.id(), -1) + 1 <= presenceLimit) {
                events.publish(new RoomEvent.Presence(room.id(), caller.username(), false, clock.instant(),
                        connectionId));
            }
        }
    }
}
