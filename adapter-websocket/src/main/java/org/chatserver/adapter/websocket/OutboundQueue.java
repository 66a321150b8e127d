package org.chatserver.adapter.websocket;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * What a connection is to be sent, and the only thread that writes to it.
 *
 * <p>Frames come from other connections' threads (room events) and must never wait for this
 * client, so they are queued; a virtual thread writes the queue out, one at a time per connection,
 * started when a frame arrives and gone when the queue is empty, so that an idle connection holds
 * no thread (its parked stack was 1.5 KB of heap a connection, with 10,000 idle ones). The queue is
 * bounded by frames and bytes: a client that cannot keep up is disconnected rather than slowing
 * the room or growing the heap. Before the writer starts, the queue holds the join replay, which
 * the use case already bounds.
 *
 * <p>Typing frames are the first shed when a client falls behind: one is not queued at all while the
 * queue is more than half full (by frames or bytes), and a frame that would overflow the queue first
 * drops every typing frame still queued; only when that does not make room is the client disconnected.
 * A lost typing frame costs a client nothing it cannot do without (the next one, or the message itself,
 * comes soon); a lost message would be a gap.
 */
final class OutboundQueue {

    static final CloseStatus TOO_SLOW = CloseStatus.POLICY_VIOLATION.withReason("Too slow to read");

    private static final Logger log = LoggerFactory.getLogger(OutboundQueue.class);

    private final String who;
    private final FrameWriter writer;
    private final int maxFrames;
    private final long maxBytes;
    private final Ticker ticker;
    private final LongAdder sent;
    private final String writerName;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Outbound> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private long queuedBytes;
    private long shed;
    private boolean closing;
    /** {@link #startWriter()} was called: frames go out, and the bounds apply */
    private boolean writing;
    /** a writer thread is running (or about to): it takes every frame queued until the queue is empty */
    private boolean writerRunning;
    /** When the write in progress began, on the ticker; 0 when none is. */
    private volatile long writeStartedNanos;

    /**
     * @param who  the connection, as logs name it
     * @param sent counts each text frame the socket took (the node's metrics; pings are not counted)
     */
    OutboundQueue(String who, WebSocketSession session, int maxFrames, long maxBytes, Ticker ticker, LongAdder sent) {
        this.who = who;
        this.writerName = "ws-writer-" + who;
        this.writer = new FrameWriter(session);
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.ticker = ticker;
        this.sent = sent;
    }

    /** Starts writing; from now on the bounds apply. */
    void startWriter() {
        boolean start;
        lock.lock();
        try {
            writing = true;
            start = claimWriter();
        } finally {
            lock.unlock();
        }
        if (start) {
            startWriterThread();
        }
    }

    /** Call holding the lock: whether the caller is to start a writer for what is queued. */
    private boolean claimWriter() {
        if (!writing || writerRunning || queue.isEmpty()) {
            return false;
        }
        writerRunning = true;
        return true;
    }

    private void startWriterThread() {
        Thread.ofVirtual().name(writerName).start(this::writeLoop);
    }

    void send(String json) {
        send(OutboundFrames.Frame.of(json));
    }

    /** Queues a frame; never waits for the client. */
    void send(OutboundFrames.Frame frame) {
        enqueue(frame, false);
    }

    /** Queues a frame the client can do without (typing): shed first when the client falls behind. */
    void sendSheddable(OutboundFrames.Frame frame) {
        enqueue(frame, true);
    }

    void ping() {
        enqueue(null, false);
    }

    /** @param frame null for a ping */
    private void enqueue(OutboundFrames.Frame frame, boolean sheddable) {
        int bytes = frame == null ? 0 : frame.bytes();
        boolean start;
        lock.lock();
        try {
            if (closing) {
                return;
            }
            if (sheddable && writing && (queue.size() * 2 >= maxFrames || (queuedBytes + bytes) * 2 > maxBytes)) {
                // behind already: this one is not worth the room
                shed++;
                return;
            }
            if (writing && overflows(bytes)) {
                shedQueued();
                if (overflows(bytes)) {
                    log.info("WebSocket connection {} is too slow to read; disconnecting it", who);
                    closeNow(TOO_SLOW);
                    return;
                }
            }
            queue.add(new Outbound(frame, bytes, null, sheddable));
            queuedBytes += bytes;
            start = claimWriter();
        } finally {
            lock.unlock();
        }
        if (start) {
            startWriterThread();
        }
    }

    private boolean overflows(int bytes) {
        return queue.size() >= maxFrames || queuedBytes + bytes > maxBytes;
    }

    /** Call holding the lock: drops the sheddable frames still queued. */
    private void shedQueued() {
        var it = queue.iterator();
        while (it.hasNext()) {
            Outbound next = it.next();
            if (next.sheddable()) {
                it.remove();
                queuedBytes -= next.bytes();
                shed++;
            }
        }
    }

    /** How many sheddable frames were not sent because the client was behind. */
    long shed() {
        lock.lock();
        try {
            return shed;
        } finally {
            lock.unlock();
        }
    }

    /** Lets what is queued go out first, e.g. the frame that explains the close; then closes. */
    void closeAfterQueued(CloseStatus status) {
        boolean start;
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(new Outbound(null, 0, status, false));
            start = claimWriter();
        } finally {
            lock.unlock();
        }
        if (start) {
            startWriterThread();
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
        Thread.ofVirtual().name("ws-close-" + who).start(() -> closeSession(status));
    }

    /** The session ended: stop writing and let go of everything queued. */
    void disposed() {
        lock.lock();
        try {
            dropEverything();
        } finally {
            lock.unlock();
        }
        finished.complete(null);
    }

    /** Call holding the lock: nothing more is written, and what waited is let go at once. */
    private void dropEverything() {
        closing = true;
        queue.clear();
        queuedBytes = 0;
        if (!writerRunning) {
            // nothing is being written: the writer is finished (a running one finishes when it finds the queue empty)
            finished.complete(null);
        }
    }

    /** Whether a single write has been blocked for longer than {@code limitNanos}. */
    boolean writeBlockedLongerThan(long limitNanos, long nowNanos) {
        long started = writeStartedNanos;
        return started != 0 && nowNanos - started > limitNanos;
    }

    /** Whether text frames go to the socket as the bytes they were encoded to once (see {@link FrameWriter}). */
    boolean writesEncodedText() {
        return writer.writesEncodedText();
    }

    /** Completes when the writer has written its last frame or the session ended. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /** Writes until the queue is empty, then ends; the next frame queued starts another writer. */
    private void writeLoop() {
        boolean done = false;
        try {
            while (true) {
                Outbound next;
                boolean more;
                lock.lock();
                try {
                    next = queue.poll();
                    if (next == null) {
                        writerRunning = false;
                        done = closing;
                        return;
                    }
                    queuedBytes -= next.bytes();
                    more = !queue.isEmpty();
                } finally {
                    lock.unlock();
                }
                if (next.close() != null) {
                    // writerRunning stays set: nothing is written after the close
                    done = true;
                    closeSession(next.close());
                    return;
                }
                writeStartedNanos = ticker.nanoTime();
                try {
                    if (next.frame() == null) {
                        writer.ping(more);
                    } else {
                        writer.text(next.frame(), more);
                        sent.increment();
                    }
                } catch (IOException | RuntimeException e) {
                    log.debug("WebSocket connection {}: write failed ({}); closing it", who, e.toString());
                    done = true;
                    closeNow(CloseStatus.SESSION_NOT_RELIABLE);
                    return;
                } finally {
                    writeStartedNanos = 0;
                }
            }
        } finally {
            if (done) {
                finished.complete(null);
            }
        }
    }

    private void closeSession(CloseStatus status) {
        try {
            writer.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("WebSocket connection {}: close failed ({})", who, e.toString());
        }
    }

    /**
     * @param frame     null for a ping, or when closing
     * @param sheddable a frame the client can do without (typing), dropped first when it falls behind
     */
    private record Outbound(OutboundFrames.Frame frame, int bytes, CloseStatus close, boolean sheddable) {
    }
}
