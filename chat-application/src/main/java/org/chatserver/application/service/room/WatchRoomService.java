package org.chatserver.application.service.room;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.chatserver.application.port.in.AuthenticatedUser;
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
 * Live delivery to one connection, in the room's id order, each message once, without gaps.
 *
 * <p>Appends to a room commit in id order (the repository serialises them), and each posted
 * event names the message before it. A watcher delivers an event whose predecessor it has
 * delivered; an event further ahead means fan-out reordered or lost something, and since that
 * event is committed, so is everything before it: the gap is read from the store. Events at or
 * below the last delivered id are repeats and dropped.
 */
public final class WatchRoomService implements WatchRoomUseCase {

    private static final int GAP_PAGE = 200;

    private final MessageRepository messages;
    private final RoomAccess access;
    private final RoomEvents events;
    private final Transactions transactions;
    private final Clock clock;

    public WatchRoomService(MessageRepository messages, RoomAccess access, RoomEvents events,
                            Transactions transactions, Clock clock) {
        this.messages = messages;
        this.access = access;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
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
        watch.subscription = events.subscribe(room.id(), watch::accept);
        watch.start(since);
        events.publish(new RoomEvent.Presence(room.id(), caller.username(), true, clock.instant(), connectionId));
        return watch;
    }

    private final class Watch implements RoomWatch {

        private final AuthenticatedUser caller;
        private final Room room;
        private final String connectionId;
        private final RoomListener listener;
        private final Object lock = new Object();
        private final List<RoomEvent> early = new ArrayList<>();
        private RoomEvents.Subscription subscription;
        private boolean started;
        private boolean closed;
        private boolean unsubscribed;
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
                    return;
                }
                handle(event);
            }
        }

        private void handle(RoomEvent event) {
            if (event instanceof RoomEvent.MemberRemoved removed) {
                if (removed.user().equals(caller.userId())) {
                    closed = true;
                    listener.revoked();
                }
                return;
            }
            if (event instanceof RoomEvent.Resync) {
                catchUp();
                return;
            }
            if (!(event instanceof MessagePosted posted)) {
                listener.onEvent(event);
                return;
            }
            MessageId id = posted.message().id();
            if (lastDelivered != null && id.compareTo(lastDelivered) <= 0) {
                return;
            }
            if (Objects.equals(posted.previous(), lastDelivered)) {
                lastDelivered = id;
                listener.onEvent(posted);
                return;
            }
            fillGapUpTo(posted);
        }

        private void fillGapUpTo(MessagePosted posted) {
            MessageId target = posted.message().id();
            while (lastDelivered == null || lastDelivered.compareTo(target) < 0) {
                List<Message> page = messages.pageAfter(room.id(), lastDelivered, GAP_PAGE);
                List<Message> upToTarget = page.stream().filter(m -> m.id().compareTo(target) < 0).toList();
                upToTarget.forEach(this::deliver);
                if (upToTarget.size() < page.size() || page.size() < GAP_PAGE) {
                    break;
                }
            }
            lastDelivered = target;
            listener.onEvent(posted);
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
            lastDelivered = message.id();
            listener.onEvent(new MessagePosted(message, null, null));
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
            }
            subscription.close();
            events.publish(new RoomEvent.Presence(room.id(), caller.username(), false, clock.instant(), connectionId));
        }
    }
}
