package org.chatserver.application.service.room;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.message.PostMessageUseCase;
import org.chatserver.application.port.in.message.PostMessageUseCase.PostMessageCommand;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.application.port.in.room.WatchRoomUseCase;
import org.chatserver.application.port.out.Transactions;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.room.RoomEvents;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent.MessagePosted;
import org.chatserver.domain.RoomEvent.TypingKind;
import org.chatserver.domain.RoomEvent;
import org.chatserver.domain.RoomId;

/**
 * Live delivery to one connection, in the room's id order, each message once, without gaps, and
 * without the connection's own doings.
 *
 * <p>Appends to a room commit in id order (the repository serialises them), and each posted
 * event names the message before it. A watcher delivers an event whose predecessor it has
 * delivered; an event further ahead means fan-out reordered or lost something, and since that
 * event is committed, so is everything before it: the gap is read from the store. Events at or
 * below the last delivered id are repeats and dropped.
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
public final class WatchRoomService implements WatchRoomUseCase {

    public static final int DEFAULT_PRESENCE_LIMIT = 100;
    /** Events held per watch while its own posts are stored; beyond, messages are read again from the store. */
    static final int MAX_HELD = 1000;
    private static final int GAP_PAGE = 200;

    private final MessageRepository messages;
    private final RoomAccess access;
    private final RoomEvents events;
    private final PostMessageUseCase posting;
    private final Transactions transactions;
    private final Clock clock;
    private final int presenceLimit;
    private final Map<RoomId, Integer> watchers = new ConcurrentHashMap<>();

    /**
     * @param presenceLimit the most watchers a room may have on this node for joins and leaves to be
     *                      announced in it
     */
    public WatchRoomService(MessageRepository messages, RoomAccess access, RoomEvents events,
                            PostMessageUseCase posting, Transactions transactions, Clock clock, int presenceLimit) {
        if (presenceLimit < 0) {
            throw new IllegalArgumentException("presenceLimit must not be negative");
        }
        this.messages = messages;
        this.access = access;
        this.events = events;
        this.posting = posting;
        this.transactions = transactions;
        this.clock = clock;
        this.presenceLimit = presenceLimit;
    }

    @Override
    public RoomWatch watch(AuthenticatedUser caller, RoomId roomId, MessageId since, String connectionId,
                           RoomListener listener) {
        Room room = transactions.inTransaction(() -> {
            Room r = access.visibleRoom(caller, roomId);
            access.ensureMember(r, caller.userId(), clock.instant());
            return r;
        });
        Watch watch = new Watch(caller, room, connectionId, listener);
        int watching = count(room.id(), 1);
        try {
            watch.subscription = events.subscribe(room.id(), watch::accept);
            watch.start(since);
        } catch (RuntimeException e) {
            if (watch.subscription != null) {
                watch.subscription.close();
            }
            count(room.id(), -1);
            throw e;
        }
        if (watching <= presenceLimit) {
            events.publish(new RoomEvent.Presence(room.id(), caller.username(), true, clock.instant(), connectionId));
        }
        return watch;
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
        /** The newest message dropped because too much was held: read from the store on release. */
        private MessageId heldBeyond;
        private MessageId lastDelivered;

        Watch(AuthenticatedUser caller, Room room, String connectionId, RoomListener listener) {
            this.caller = caller;
            this.room = room;
            this.connectionId = connectionId;
            this.listener = listener;
        }

        void start(MessageId since) {
            synchronized (lock) {
                MessageId latest = messages.latestId(room.id()).orElse(null);
                if (since == null || latest == null || since.compareTo(latest) >= 0) {
                    lastDelivered = latest;
                } else {
                    replay(since, latest);
                }
                started = true;
                early.forEach(this::handle);
                early.clear();
            }
        }

        private void replay(MessageId since, MessageId latest) {
            lastDelivered = since;
            List<Message> missed = messages.pageAfter(room.id(), since, MAX_RESUME + 1);
            List<Message> sent = missed.size() > MAX_RESUME ? missed.subList(0, MAX_RESUME) : missed;
            sent.forEach(this::deliver);
            if (missed.size() > MAX_RESUME) {
                MessageId resumeAfter = lastDelivered;
                lastDelivered = latest;
                listener.historyTruncated(resumeAfter, latest);
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
            } else if (event instanceof MessagePosted posted
                    && (heldBeyond == null || posted.message().id().compareTo(heldBeyond) > 0)) {
                // a store stall while the room is busy: messages are read again on release, notices are lost
                heldBeyond = posted.message().id();
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
                    if (lastDelivered == null || id.compareTo(lastDelivered) > 0) {
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
            MessageId beyond = heldBeyond;
            heldBeyond = null;
            for (RoomEvent event : waiting) {
                if (closed) {
                    return;
                }
                handle(event);
            }
            if (beyond != null && !closed && (lastDelivered == null || beyond.compareTo(lastDelivered) > 0)) {
                fillFromStore(beyond, true);
            }
        }

        private void handle(RoomEvent event) {
            switch (event) {
                case RoomEvent.MemberRemoved removed -> {
                    if (removed.user().equals(caller.userId())) {
                        closed = true;
                        listener.revoked();
                    }
                }
                case RoomEvent.Presence presence -> {
                    // a connection knows it arrived: "connected" told it
                    if (!isMine(presence) && announcesPresence(room.id())) {
                        listener.onEvent(presence);
                    }
                }
                case RoomEvent.Typing typing -> {
                    if (!isMine(typing)) {
                        listener.onEvent(typing);
                    }
                }
                // the reactor too: the room's new summary is its answer
                case RoomEvent.ReactionChanged reaction -> listener.onEvent(reaction);
                // the reader's own connections too: their other devices follow where they are
                case RoomEvent.ReadMoved read -> listener.onEvent(read);
                case MessagePosted posted -> order(posted);
                // fan-out may have lost events (the bus was down): the store has them
                case RoomEvent.Resync resync -> catchUp();
            }
        }

        private boolean isMine(RoomEvent event) {
            return connectionId.equals(event.origin());
        }

        private void order(MessagePosted posted) {
            MessageId id = posted.message().id();
            if (lastDelivered != null && id.compareTo(lastDelivered) <= 0) {
                return;
            }
            if (!Objects.equals(posted.previous(), lastDelivered)) {
                fillFromStore(id, false);
            }
            show(posted);
        }

        /** Delivers the stored messages after the last delivered one, up to {@code bound}. */
        private void fillFromStore(MessageId bound, boolean inclusive) {
            while (lastDelivered == null || lastDelivered.compareTo(bound) < 0) {
                List<Message> page = messages.pageAfter(room.id(), lastDelivered, GAP_PAGE);
                List<Message> wanted = page.stream().filter(m -> {
                    int order = m.id().compareTo(bound);
                    return order < 0 || inclusive && order == 0;
                }).toList();
                wanted.forEach(this::deliver);
                if (wanted.size() < page.size() || page.size() < GAP_PAGE) {
                    break;
                }
            }
        }

        /** Fan-out may have lost events: delivers what the store holds after the last delivered message. */
        private void catchUp() {
            List<Message> page;
            do {
                page = messages.pageAfter(room.id(), lastDelivered, GAP_PAGE);
                page.forEach(this::deliver);
            } while (page.size() == GAP_PAGE);
        }

        private void deliver(Message message) {
            show(new MessagePosted(message, null, null));
        }

        /** The next message in order: shown unless it is this connection's own, which its sender already shows. */
        private void show(MessagePosted posted) {
            MessageId id = posted.message().id();
            boolean mine = own.contains(id) || isMine(posted);
            lastDelivered = id;
            // nothing at or below the last delivered id is ever shown again
            own.headSet(id, true).clear();
            if (!mine) {
                listener.onEvent(posted);
            }
        }

        @Override
        public Room room() {
            return room;
        }

        @Override
        public void typing(TypingKind kind) {
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
            }
            subscription.close();
            if (count(room.id(), -1) + 1 <= presenceLimit) {
                events.publish(new RoomEvent.Presence(room.id(), caller.username(), false, clock.instant(),
                        connectionId));
            }
        }
    }
}
