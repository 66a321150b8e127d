package org.chatserver.adapter.websocket;

import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageVersion;
import org.chatserver.domain.PinnedMessage;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.UserId;

/**
 * The in-memory message store with a gate in front of appends, for outages: appends can be made to
 * fail as an unreachable database fails them, or to wait (a stall) until the test lets them through.
 */
final class GatedMessageRepository implements MessageRepository {

    /** What the JDBC pool throws when the database cannot be reached. */
    static final class DatabaseDown extends RuntimeException {

        DatabaseDown() {
            super("Failed to obtain JDBC Connection", new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 3000ms"));
        }
    }

    private final MessageRepository store;
    private volatile boolean failing;
    private volatile boolean failingReads;
    private volatile Stall stall;
    private final AtomicLong attempts = new AtomicLong();

    GatedMessageRepository(MessageRepository store) {
        this.store = store;
    }

    /** Appends that reached the store or its failure (a stalled one counts once it goes on). */
    long appendAttempts() {
        return attempts.get();
    }

    /** Appends fail as long as this is on. */
    void failAppends(boolean on) {
        failing = on;
    }

    /** Reading where a room's history stands (what watching a room starts with) fails as long as this is on. */
    void failReads(boolean on) {
        failingReads = on;
    }

    /** Appends wait from now on until {@link Stall#release()}. */
    Stall stallAppends() {
        Stall started = new Stall();
        stall = started;
        return started;
    }

    final class Stall implements AutoCloseable {

        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        /** Waits until an append is held up by this stall. */
        void awaitAppend() throws InterruptedException {
            if (!entered.await(ChatClient.WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("no append reached the stalled store");
            }
        }

        void release() {
            stall = null;
            released.countDown();
        }

        @Override
        public void close() {
            release();
        }

        private void hold() {
            entered.countDown();
            try {
                if (!released.await(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("stall never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public Appended append(RoomId room, UserId sender, MessageDraft draft,
                           org.chatserver.domain.Mentions mentions, MessageId replyTo, String clientId, Instant now) {
        Stall current = stall;
        if (current != null) {
            current.hold();
        }
        attempts.incrementAndGet();
        if (failing) {
            throw new DatabaseDown();
        }
        return store.append(room, sender, draft, mentions, replyTo, clientId, now);
    }

    @Override
    public Optional<Message> findById(MessageId id) {
        return store.findById(id);
    }

    @Override
    public Optional<Message> findByClientId(UserId sender, String clientId) {
        return store.findByClientId(sender, clientId);
    }

    @Override
    public List<Message> findByIds(java.util.Collection<MessageId> ids) {
        return store.findByIds(ids);
    }

    @Override
    public List<Message> pageBefore(RoomId room, MessageId before, int limit) {
        return store.pageBefore(room, before, limit);
    }

    @Override
    public List<Message> pageAfter(RoomId room, MessageId after, int limit) {
        return store.pageAfter(room, after, limit);
    }

    @Override
    public Optional<MessageId> latestId(RoomId room) {
        if (failingReads) {
            throw new DatabaseDown();
        }
        return store.latestId(room);
    }

    @Override
    public long countBetween(RoomId room, MessageId after, MessageId upTo, UserId notFrom) {
        return store.countBetween(room, after, upTo, notFrom);
    }

    // the rest of the store as it is: only appends and the reads above are gated

    @Override
    public boolean storeEdit(Message before, Message edited) {
        return store.storeEdit(before, edited);
    }

    @Override
    public List<MessageVersion> versions(MessageId id) {
        return store.versions(id);
    }

    @Override
    public void storeDeletion(Message deleted) {
        store.storeDeletion(deleted);
    }

    @Override
    public boolean carriesFile(String fileName) {
        return store.carriesFile(fileName);
    }

    @Override
    public void recordFileSize(String fileName, long size) {
        store.recordFileSize(fileName, size);
    }

    @Override
    public List<Message> repliesBefore(MessageId parent, MessageId before, int limit) {
        return store.repliesBefore(parent, before, limit);
    }

    @Override
    public List<Message> repliesAfter(MessageId parent, MessageId after, int limit) {
        return store.repliesAfter(parent, after, limit);
    }

    @Override
    public boolean pin(MessageId id, UserId by, Instant now) {
        return store.pin(id, by, now);
    }

    @Override
    public boolean unpin(MessageId id) {
        return store.unpin(id);
    }

    @Override
    public List<PinnedMessage> pins(RoomId room, int limit) {
        return store.pins(room, limit);
    }

    @Override
    public List<PinnedMessage> pinsToChange(RoomId room, int limit) {
        return store.pinsToChange(room, limit);
    }

    @Override
    public void lockToChange(RoomId room) {
        store.lockToChange(room);
    }

    @Override
    public RoomChange.Mark recordChange(RoomId room, RoomChange.Kind kind, MessageId message, UserId actor,
                                        ReactionType reaction, Instant now) {
        return store.recordChange(room, kind, message, actor, reaction, now);
    }

    @Override
    public List<RoomChange> changesAfter(RoomId room, ChangeId after, int limit) {
        return store.changesAfter(room, after, limit);
    }

    @Override
    public Optional<ChangeId> latestChange(RoomId room) {
        if (failingReads) {
            throw new DatabaseDown();
        }
        return store.latestChange(room);
    }

    @Override
    public Optional<RoomId> roomOfChange(ChangeId change) {
        return store.roomOfChange(change);
    }

    @Override
    public Optional<ChangeId> changeOfPostAtOrBefore(RoomId room, MessageId message) {
        return store.changeOfPostAtOrBefore(room, message);
    }
}
