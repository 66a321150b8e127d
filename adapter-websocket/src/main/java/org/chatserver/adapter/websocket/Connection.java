package org.chatserver.adapter.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.chatserver.application.port.in.AuthenticatedUser;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomListener;
import org.chatserver.application.port.in.room.WatchRoomUseCase.RoomWatch;
import org.chatserver.domain.Message;
import org.chatserver.domain.MessageId;
import org.chatserver.domain.Room;
import org.chatserver.domain.RoomEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client connection: what it may receive, and the only thread that writes to it.
 *
 * <p>Room events arrive on other connections' threads and must never wait for this client, so
 * they are turned into frames and queued; a virtual thread per connection writes the queue out.
 * The queue is bounded by frames and bytes: a client that cannot keep up is disconnected rather
 * than slowing the room or growing the heap.
 *
 * <p>While this connection's own message is being stored, events are held back: the room's
 * gap-filling may replay that very message (without its origin) before its id is known here,
 * and the sender must never get its own message echoed.
 */
final class Connection implements RoomListener {

    static final CloseStatus TOO_SLOW = CloseStatus.POLICY_VIOLATION.withReason("Too slow to read");
    static final CloseStatus FLOODING = CloseStatus.POLICY_VIOLATION.withReason("Too many frames");
    static final CloseStatus IDLE = CloseStatus.GOING_AWAY.withReason("Idle timeout");
    static final CloseStatus REMOVED = CloseStatus.POLICY_VIOLATION.withReason("Removed from the room");
    static final CloseStatus TOO_BIG = CloseStatus.TOO_BIG_TO_PROCESS.withReason("Message too big");

    private static final Logger log = LoggerFactory.getLogger(Connection.class);
    private static final int REMEMBERED_ACKS = 1024;

    private final String id;
    private final WebSocketSession session;
    private final AuthenticatedUser caller;
    private final Room room;
    private final WebSocketProperties limits;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition queued = lock.newCondition();
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private final List<RoomEvent> held = new ArrayList<>();
    private final SequencedSet<MessageId> acked = new LinkedHashSet<>();
    private long queuedBytes;
    private int postsInFlight;
    private boolean closing;
    /** Before the writer starts, the queue holds the join replay, which the use case already bounds. */
    private boolean writing;

    private StringBuilder partialText;
    private ByteArrayOutputStream partialBinary;

    private final TokenBucket bucket;
    private int throttledInARow;
    private volatile long lastHeardNanos;
    private volatile long lastPingNanos;
    private volatile long sendStartedNanos;
    private volatile RoomWatch watch;

    Connection(String id, WebSocketSession session, AuthenticatedUser caller, Room room, WebSocketProperties limits) {
        this.id = id;
        this.session = session;
        this.caller = caller;
        this.room = room;
        this.limits = limits;
        long now = System.nanoTime();
        this.bucket = new TokenBucket(limits.framesPerSecond(), limits.frameBurst(), now);
        this.lastHeardNanos = now;
        this.lastPingNanos = now;
    }

    String id() {
        return id;
    }

    AuthenticatedUser caller() {
        return caller;
    }

    Room room() {
        return room;
    }

    RoomWatch watch() {
        return watch;
    }

    void watching(RoomWatch watch) {
        this.watch = watch;
    }

    void startWriter() {
        lock.lock();
        try {
            writing = true;
        } finally {
            lock.unlock();
        }
        Thread.ofVirtual().name("ws-writer-" + id).start(this::writeLoop);
    }

    // ---- inbound bookkeeping (called on the session's receiving thread, one frame at a time) ----

    /**
     * Puts a text message together from its parts; the whole message once the last part is in,
     * else null. Past {@code max-frame-size} the connection is closed with 1009, as the protocol
     * says for a message too big to process.
     */
    String assembleText(String part, boolean last) {
        if (last && partialText == null) {
            return tooBig(part.length()) ? null : part;
        }
        if (partialText == null) {
            partialText = new StringBuilder(part.length() * 2);
        }
        partialText.append(part);
        if (tooBig(partialText.length())) {
            partialText = null;
            return null;
        }
        if (!last) {
            return null;
        }
        String whole = partialText.toString();
        partialText = null;
        return whole;
    }

    /** The same for binary messages (UTF-8 JSON from the iOS app). */
    byte[] assembleBinary(ByteBuffer part, boolean last) {
        if (partialBinary == null) {
            partialBinary = new ByteArrayOutputStream(Math.max(part.remaining(), 256));
        }
        byte[] chunk = new byte[part.remaining()];
        part.get(chunk);
        partialBinary.writeBytes(chunk);
        if (tooBig(partialBinary.size())) {
            partialBinary = null;
            return null;
        }
        if (!last) {
            return null;
        }
        byte[] whole = partialBinary.toByteArray();
        partialBinary = null;
        return whole;
    }

    /** Counts characters for text, which is at most what its UTF-8 bytes would count. */
    private boolean tooBig(long size) {
        if (size <= limits.maxFrameSize().toBytes()) {
            return false;
        }
        closeNow(TOO_BIG);
        return true;
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** Whether this frame is within the rate; closes the connection when flooding persists. */
    boolean admit() {
        if (bucket.tryTake(System.nanoTime())) {
            throttledInARow = 0;
            return true;
        }
        throttledInARow++;
        if (throttledInARow > limits.throttledFramesToClose()) {
            closeAfterQueued(FLOODING);
        } else {
            send(OutboundFrames.error("Too many messages: slow down"));
        }
        return false;
    }

    void beginPost() {
        lock.lock();
        try {
            postsInFlight++;
        } finally {
            lock.unlock();
        }
    }

    /** Acknowledges the stored message, then releases the events held while it was stored. */
    void endPost(Message stored, String clientId) {
        lock.lock();
        try {
            if (stored != null) {
                remember(stored.id());
                enqueue(OutboundFrames.ack(stored, clientId));
            }
            postsInFlight--;
            if (postsInFlight == 0 && !held.isEmpty()) {
                List<RoomEvent> release = List.copyOf(held);
                held.clear();
                release.forEach(this::dispatch);
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- room events (called on fan-out threads) ----

    @Override
    public void onEvent(RoomEvent event) {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            if (postsInFlight > 0) {
                if (held.size() >= limits.outboundQueueFrames()) {
                    overflow();
                } else {
                    held.add(event);
                }
                return;
            }
            dispatch(event);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void revoked() {
        lock.lock();
        try {
            enqueue(OutboundFrames.error("You are no longer a member of this room"));
        } finally {
            lock.unlock();
        }
        closeAfterQueued(REMOVED);
    }

    @Override
    public void historyTruncated(MessageId resumeAfter, MessageId liveFrom) {
        send(OutboundFrames.historyTruncated(room, resumeAfter, liveFrom));
    }

    private void dispatch(RoomEvent event) {
        boolean mine = id.equals(event.origin());
        boolean wanted = switch (event) {
            // the app shows its own message itself: an echo would show it twice
            case RoomEvent.MessagePosted posted -> !mine && !acked.contains(posted.message().id());
            case RoomEvent.Presence presence -> !mine;
            case RoomEvent.Typing typing -> !mine;
            // everyone sees reactions change, the reacting connection included
            case RoomEvent.ReactionChanged reaction -> true;
            // handled by the watch, which calls revoked(); never a frame
            case RoomEvent.MemberRemoved removed -> false;
            // answered by the watch, which reads the missed messages from the store; never a frame
            case RoomEvent.Resync resync -> false;
        };
        if (wanted) {
            OutboundFrames.Frame frame = OutboundFrames.forEvent(event);
            enqueue(frame.message(), frame.bytes());
        }
    }

    private void remember(MessageId message) {
        acked.add(message);
        if (acked.size() > REMEMBERED_ACKS) {
            acked.removeFirst();
        }
    }

    // ---- outbound queue ----

    /** Queues a frame for this client alone. */
    void send(String json) {
        lock.lock();
        try {
            enqueue(json);
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(String json) {
        OutboundFrames.Frame frame = OutboundFrames.Frame.of(json);
        enqueue(frame.message(), frame.bytes());
    }

    private void enqueue(WebSocketMessage<?> message, int bytes) {
        if (closing) {
            return;
        }
        if (writing && (queue.size() >= limits.outboundQueueFrames()
                || queuedBytes + bytes > limits.outboundQueueSize().toBytes())) {
            overflow();
            return;
        }
        queue.add(new Outbound(message, bytes, null));
        queuedBytes += bytes;
        queued.signal();
    }

    private void overflow() {
        log.info("WebSocket connection {} of {} is too slow to read; disconnecting it", id, caller.username());
        closeNow(TOO_SLOW);
    }

    /** Lets what is queued go out first, e.g. the error frame that explains the close. */
    void closeAfterQueued(CloseStatus status) {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(new Outbound(null, 0, status));
            queued.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Drops whatever is queued and closes; never waits for the client. */
    void closeNow(CloseStatus status) {
        lock.lock();
        try {
            if (closing && queue.isEmpty()) {
                return;
            }
            dropEverything();
        } finally {
            lock.unlock();
        }
        // closing may block on a client that does not read: never on the caller's thread
        Thread.ofVirtual().name("ws-close-" + id).start(() -> closeSession(status));
    }

    /** The session ended: stop writing and let go of everything queued. */
    void disposed() {
        lock.lock();
        try {
            dropEverything();
        } finally {
            lock.unlock();
        }
    }

    /** Call holding the lock: nothing more is written, and what waited is let go at once. */
    private void dropEverything() {
        closing = true;
        queue.clear();
        queuedBytes = 0;
        held.clear();
        queued.signal();
    }

    /** Periodic upkeep from the shared timer: idle and stuck-write detection, pings. */
    void tick(long nowNanos) {
        long sendStarted = sendStartedNanos;
        if (sendStarted != 0 && nowNanos - sendStarted > limits.sendTimeout().toNanos()) {
            log.info("WebSocket connection {} of {} blocked a write for over {}; disconnecting it",
                    id, caller.username(), limits.sendTimeout());
            closeNow(TOO_SLOW);
        } else if (nowNanos - lastHeardNanos > limits.idleTimeout().toNanos()) {
            closeNow(IDLE);
        } else if (nowNanos - lastPingNanos >= limits.pingInterval().toNanos()) {
            lastPingNanos = nowNanos;
            lock.lock();
            try {
                enqueue(new PingMessage(), 0);
            } finally {
                lock.unlock();
            }
        }
    }

    private void writeLoop() {
        while (true) {
            Outbound next;
            lock.lock();
            try {
                while (queue.isEmpty() && !closing) {
                    queued.awaitUninterruptibly();
                }
                next = queue.poll();
                if (next == null) {
                    return;
                }
                queuedBytes -= next.bytes();
            } finally {
                lock.unlock();
            }
            if (next.close() != null) {
                closeSession(next.close());
                return;
            }
            sendStartedNanos = System.nanoTime();
            try {
                session.sendMessage(next.message());
            } catch (IOException | RuntimeException e) {
                log.debug("WebSocket connection {}: write failed ({}); closing it", id, e.toString());
                closeNow(CloseStatus.SESSION_NOT_RELIABLE);
                return;
            } finally {
                sendStartedNanos = 0;
            }
        }
    }

    private void closeSession(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("WebSocket connection {}: close failed ({})", id, e.toString());
        }
    }

    private record Outbound(WebSocketMessage<?> message, int bytes, CloseStatus close) {
    }
}
