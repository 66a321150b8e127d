package org.chatserver.application.fakes;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.chatserver.application.port.out.message.MessageRepository;
import org.chatserver.application.port.out.user.UserRepository;
import org.chatserver.domain.ChangeId;
import org.chatserver.domain.Mentions;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageDraft;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.MessageVersion;
import org.chatserver.domain.PinnedMessage;
import org.chatserver.domain.ReactionType;
import org.chatserver.domain.RoomChange;
import org.chatserver.domain.RoomId;
import org.chatserver.domain.User;
import org.chatserver.domain.UserId;

/** Thread-safe in-memory {@link MessageRepository}; one lock stands for the database's per-room serialisation. */
public final class InMemoryMessageRepository implements MessageRepository {

    private final UserRepository users;
    /** Messages as stored: without the reply reference and count, which are read as they are now. */
    private final NavigableMap<Long, Message> byId = new TreeMap<>();
    private final Map<Long, Long> replyTo = new HashMap<>();
    private final Map<String, Long> byClientId = new HashMap<>();
    private final Map<Long, List<MessageVersion>> versions = new HashMap<>();
    private final Map<Long, Pin> pins = new HashMap<>();
    private final NavigableMap<Long, RoomChange> changes = new TreeMap<>();
    private final Map<Long, java.util.concurrent.locks.ReentrantLock> roomLocks = new HashMap<>();
    private final AtomicReference<Runnable> beforeNextLock = new AtomicReference<>();
    private long lastId;
    private long lastChange;

    public InMemoryMessageRepository(UserRepository users) {
        this.users = users;
    }

    private record Pin(UserId by, Instant at) {
    }

    /**
     * The database's per-room lock: a write to a room holds it until its transaction ends (through
     * {@link DirectTransactions#atEnd}), so a post and its change, or an edit and its change, are never
     * interleaved with another transaction's, as on SQLite and PostgreSQL. Taken before the monitor,
     * never while holding it.
     */
    private void lockRoom(RoomId room) {
        Runnable meanwhile = beforeNextLock.getAndSet(null);
        if (meanwhile != null) {
            runElsewhere(meanwhile);
        }
        java.util.concurrent.locks.ReentrantLock lock;
        synchronized (roomLocks) {
            lock = roomLocks.computeIfAbsent(room.value(), r -> new java.util.concurrent.locks.ReentrantLock());
        }
        lock.lock();
        DirectTransactions.atEnd(lock::unlock);
    }

    /**
     * Runs {@code meanwhile} to its end, on a thread of its own, the next time a use case is about to wait for a
     * room's lock: another transaction (the caller's other device, a moderator) that commits between what the use
     * case read without the lock and the moment it takes it. The thread taking the lock must not hold one yet.
     */
    public void beforeNextLock(Runnable meanwhile) {
        beforeNextLock.set(meanwhile);
    }

    private static void runElsewhere(Runnable meanwhile) {
        var failure = new AtomicReference<Throwable>();
        Thread thread = Thread.ofPlatform().name("meanwhile").start(() -> {
            try {
                meanwhile.run();
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        });
        try {
            if (!thread.join(Duration.ofSeconds(10))) {
                throw new IllegalStateException("what happened meanwhile did not end within 10 s: it waits for a lock");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("what happened meanwhile failed", failure.get());
        }
    }

    @Override
    public Appended append(RoomId room, UserId sender, MessageDraft draft, Mentions mentions, MessageId parent,
                           String clientId, Instant now) {
        lockRoom(room);
        synchronized (this) {
            if (clientId != null) {
                Long existing = byClientId.get(sender.value() + "/" + clientId);
                if (existing != null) {
                    return new Appended(read(existing), null, false);
                }
            }
            User user = users.findById(sender).orElseThrow(() -> new IllegalArgumentException("unknown user " + sender));
            if (parent != null && (!byId.containsKey(parent.value()) || !byId.get(parent.value()).roomId().equals(room))) {
                throw new IllegalArgumentException("no message " + parent + " in room " + room);
            }
            MessageId previous = latestId(room).orElse(null);
            Message message = new Message(new MessageId(++lastId), room, sender, user.username(), draft, clientId,
                    now.truncatedTo(ChronoUnit.MILLIS)).withMentions(mentions);
            byId.put(message.id().value(), message);
            if (parent != null) {
                replyTo.put(message.id().value(), parent.value());
            }
            if (clientId != null) {
                byClientId.put(sender.value() + "/" + clientId, message.id().value());
            }
            return new Appended(read(message.id().value()), previous, true);
        }
    }

    /** The message as it reads now: with its parent as it is now, and its replies counted. */
    private Message read(long id) {
        Message stored = byId.get(id);
        Long parent = replyTo.get(id);
        long replies = replyTo.entrySet().stream()
                .filter(e -> e.getValue() == id && !byId.get(e.getKey()).deleted())
                .count();
        return new Message(stored.id(), stored.roomId(), stored.senderId(), stored.sender(), stored.content(),
                stored.clientId(), stored.createdAt(), stored.editedAt(), stored.deleted(),
                parent == null ? null : byId.get(parent).asReference(), (int) replies, stored.mentions());
    }

    @Override
    public synchronized Optional<Message> findById(MessageId id) {
        return byId.containsKey(id.value()) ? Optional.of(read(id.value())) : Optional.empty();
    }

    @Override
    public synchronized Optional<Message> findByClientId(UserId sender, String clientId) {
        Long id = byClientId.get(sender.value() + "/" + clientId);
        return id == null ? Optional.empty() : Optional.of(read(id));
    }

    @Override
    public synchronized List<Message> findByIds(java.util.Collection<MessageId> ids) {
        return ids.stream().distinct().filter(id -> byId.containsKey(id.value())).map(id -> read(id.value())).toList();
    }

    @Override
    public synchronized List<Message> pageBefore(RoomId room, MessageId before, int limit) {
        return before(m -> m.roomId().equals(room), before, limit);
    }

    @Override
    public synchronized List<Message> pageAfter(RoomId room, MessageId after, int limit) {
        return after(m -> m.roomId().equals(room), after, limit);
    }

    private List<Message> before(Predicate<Message> wanted, MessageId before, int limit) {
        List<Message> page = new ArrayList<>();
        NavigableMap<Long, Message> older = before == null ? byId.descendingMap()
                : byId.headMap(before.value(), false).descendingMap();
        for (Message m : older.values()) {
            if (page.size() == limit) {
                break;
            }
            if (wanted.test(m)) {
                page.add(read(m.id().value()));
            }
        }
        return page.reversed();
    }

    private List<Message> after(Predicate<Message> wanted, MessageId after, int limit) {
        List<Message> page = new ArrayList<>();
        NavigableMap<Long, Message> newer = after == null ? byId : byId.tailMap(after.value(), false);
        for (Message m : newer.values()) {
            if (page.size() == limit) {
                break;
            }
            if (wanted.test(m)) {
                page.add(read(m.id().value()));
            }
        }
        return page;
    }

    @Override
    public synchronized Optional<MessageId> latestId(RoomId room) {
        return byId.descendingMap().values().stream().filter(m -> m.roomId().equals(room)).findFirst().map(Message::id);
    }

    /** Every message, newest first: what {@link InMemoryMessageSearch} searches. */
    synchronized List<Message> newestFirst() {
        return List.copyOf(byId.descendingMap().values());
    }

    @Override
    public synchronized long countBetween(RoomId room, MessageId after, MessageId upTo, UserId notFrom) {
        long from = after == null ? 0 : after.value();
        if (upTo.value() <= from) {
            return 0;
        }
        return byId.subMap(from, false, upTo.value(), true).values().stream()
                .filter(m -> m.roomId().equals(room) && !m.senderId().equals(notFrom) && !m.deleted())
                .count();
    }

    /** For the fake room list: others' messages after {@code after} that are not deleted. */
    public synchronized long countUnread(RoomId room, MessageId after, UserId notFrom) {
        return byId.tailMap(after == null ? 0 : after.value(), false).values().stream()
                .filter(m -> m.roomId().equals(room) && !m.senderId().equals(notFrom) && !m.deleted())
                .count();
    }

    /** For the fake room list: the room's newest message that is not deleted. */
    public synchronized Optional<Message> newestShown(RoomId room) {
        return byId.descendingMap().values().stream()
                .filter(m -> m.roomId().equals(room) && !m.deleted())
                .findFirst();
    }

    @Override
    public boolean storeEdit(Message before, Message edited) {
        lockRoom(edited.roomId());
        synchronized (this) {
            Message stored = stored(edited.id());
            if (stored.deleted()) {
                return false;
            }
            versions.computeIfAbsent(edited.id().value(), id -> new ArrayList<>())
                    .add(new MessageVersion(stored.content().text(), edited.editedAt().truncatedTo(ChronoUnit.MILLIS)));
            byId.put(stored.id().value(), new Message(stored.id(), stored.roomId(), stored.senderId(), stored.sender(),
                    edited.content(), stored.clientId(), stored.createdAt(),
                    edited.editedAt().truncatedTo(ChronoUnit.MILLIS), false, null, 0, edited.mentions()));
            return true;
        }
    }

    @Override
    public synchronized List<MessageVersion> versions(MessageId id) {
        return List.copyOf(versions.getOrDefault(id.value(), List.of()));
    }

    @Override
    public void storeDeletion(Message deleted) {
        lockRoom(deleted.roomId());
        synchronized (this) {
            Message stored = stored(deleted.id());
            byId.put(stored.id().value(), new Message(stored.id(), stored.roomId(), stored.senderId(), stored.sender(),
                    MessageDraft.REMOVED, stored.clientId(), stored.createdAt(), null, true, null, 0));
            versions.remove(stored.id().value());
            pins.remove(stored.id().value());
        }
    }

    private Message stored(MessageId id) {
        Message stored = byId.get(id.value());
        if (stored == null) {
            throw new IllegalArgumentException("no message " + id);
        }
        return stored;
    }

    @Override
    public synchronized boolean carriesFile(String fileName) {
        return byId.values().stream().anyMatch(m -> !m.deleted() && m.content().attachment() != null
                && m.content().attachment().fileName().equals(fileName));
    }

    @Override
    public synchronized void recordFileSize(String fileName, long size) {
        byId.replaceAll((id, m) -> m.content().attachment() == null || !m.content().attachment().fileName().equals(fileName)
                ? m
                : new Message(m.id(), m.roomId(), m.senderId(), m.sender(), new MessageDraft(m.content().text(),
                        m.content().type(), m.content().attachment().storedAs(size)), m.clientId(), m.createdAt(),
                        m.editedAt(), m.deleted(), m.replyTo(), m.replyCount(), m.mentions()));
    }

    @Override
    public synchronized List<Message> repliesBefore(MessageId parent, MessageId before, int limit) {
        return before(m -> isReplyTo(m, parent), before, limit);
    }

    @Override
    public synchronized List<Message> repliesAfter(MessageId parent, MessageId after, int limit) {
        return after(m -> isReplyTo(m, parent), after, limit);
    }

    private boolean isReplyTo(Message message, MessageId parent) {
        Long answered = replyTo.get(message.id().value());
        return answered != null && answered == parent.value();
    }

    @Override
    public synchronized boolean pin(MessageId id, UserId by, Instant now) {
        if (stored(id).deleted()) {
            return false;
        }
        return pins.putIfAbsent(id.value(), new Pin(by, now.truncatedTo(ChronoUnit.MILLIS))) == null;
    }

    @Override
    public synchronized boolean unpin(MessageId id) {
        return pins.remove(id.value()) != null;
    }

    @Override
    public synchronized List<PinnedMessage> pins(RoomId room, int limit) {
        return pins.entrySet().stream()
                .filter(e -> byId.get(e.getKey()).roomId().equals(room))
                .sorted(Comparator.comparing((Map.Entry<Long, Pin> e) -> e.getValue().at())
                        .thenComparing(Map.Entry::getKey).reversed())
                .limit(limit)
                .map(e -> new PinnedMessage(read(e.getKey()),
                        users.findById(e.getValue().by()).orElseThrow().username(), e.getValue().at()))
                .toList();
    }

    @Override
    public List<PinnedMessage> pinsToChange(RoomId room, int limit) {
        lockRoom(room);
        return pins(room, limit);
    }

    @Override
    public void lockToChange(RoomId room) {
        lockRoom(room);
    }

    @Override
    public RoomChange.Mark recordChange(RoomId room, RoomChange.Kind kind, MessageId message,
                                                     UserId actor, ReactionType reaction, Instant now) {
        lockRoom(room);
        synchronized (this) {
            User user = users.findById(actor).orElseThrow(() -> new IllegalArgumentException("unknown user " + actor));
            if (!stored(message).roomId().equals(room)) {
                throw new IllegalArgumentException("message " + message + " is not of room " + room);
            }
            ChangeId previous = latestChange(room).orElse(null);
            ChangeId id = new ChangeId(++lastChange);
            changes.put(id.value(), new RoomChange(id, room, kind, message, actor, user.username(), reaction,
                    now.truncatedTo(ChronoUnit.MILLIS)));
            return new RoomChange.Mark(id, previous);
        }
    }

    @Override
    public synchronized List<RoomChange> changesAfter(RoomId room, ChangeId after, int limit) {
        return (after == null ? changes : changes.tailMap(after.value(), false)).values().stream()
                .filter(c -> c.roomId().equals(room))
                .limit(Math.max(limit, 0))
                .toList();
    }

    @Override
    public synchronized Optional<ChangeId> latestChange(RoomId room) {
        return changes.descendingMap().values().stream().filter(c -> c.roomId().equals(room)).findFirst()
                .map(RoomChange::id);
    }

    @Override
    public synchronized Optional<RoomId> roomOfChange(ChangeId change) {
        return Optional.ofNullable(changes.get(change.value())).map(RoomChange::roomId);
    }

    @Override
    public synchronized Optional<ChangeId> changeOfPostAtOrBefore(RoomId room, MessageId message) {
        return changes.descendingMap().values().stream()
                .filter(c -> c.roomId().equals(room) && c.kind() == RoomChange.Kind.POSTED
                        && c.messageId().compareTo(message) <= 0)
                .findFirst()
                .map(RoomChange::id);
    }
}
