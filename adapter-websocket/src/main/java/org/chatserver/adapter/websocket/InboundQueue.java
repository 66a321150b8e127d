package org.chatserver.adapter.websocket;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * Frames a connection has received and admitted, waiting to be processed in order. The receiving
 * thread only queues, so the container keeps reading the socket (and the flood limit sees frames
 * as they arrive) while a post waits for the database. One worker at a time, a virtual thread
 * started when work arrives and gone when the queue is empty, so an idle connection holds no
 * thread. Bounded by frames and by size: a full queue refuses, it never blocks the reader.
 */
final class InboundQueue<T> {

    enum Offer {
        QUEUED,
        /** too much is waiting already */
        FULL,
        /** the queue is draining: the server is shutting down, or the connection closed */
        CLOSED
    }

    private final String name;
    private final int maxItems;
    private final long maxSize;
    private final ToLongFunction<T> size;
    private final Consumer<T> processor;
    private final Runnable onIdle;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private long queuedSize;
    private boolean working;
    private boolean closed;

    /**
     * @param processor handles one item on the worker; must not throw
     * @param onIdle    runs on the worker each time it finds the queue empty
     */
    InboundQueue(String name, int maxItems, long maxSize, ToLongFunction<T> size, Consumer<T> processor,
                 Runnable onIdle) {
        this.name = name;
        this.maxItems = maxItems;
        this.maxSize = maxSize;
        this.size = size;
        this.processor = processor;
        this.onIdle = onIdle;
    }

    Offer offer(T item) {
        long itemSize = size.applyAsLong(item);
        boolean startWorker;
        lock.lock();
        try {
            if (closed) {
                return Offer.CLOSED;
            }
            if (queue.size() >= maxItems || queuedSize + itemSize > maxSize) {
                return Offer.FULL;
            }
            queue.add(item);
            queuedSize += itemSize;
            startWorker = !working;
            working = true;
        } finally {
            lock.unlock();
        }
        if (startWorker) {
            Thread.ofVirtual().name(name).start(this::work);
        }
        return Offer.QUEUED;
    }

    private void work() {
        while (true) {
            T next;
            lock.lock();
            try {
                next = queue.poll();
                if (next == null) {
                    working = false;
                    onIdle.run();
                    if (closed) {
                        drained.complete(null);
                    }
                    return;
                }
                queuedSize -= size.applyAsLong(next);
            } finally {
                lock.unlock();
            }
            processor.accept(next);
        }
    }

    /** Items waiting, not counting the one being processed. */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes nothing more; what is queued is still processed. Completes once the last item is done
     * (at once when nothing is queued or being processed).
     */
    CompletableFuture<Void> drain() {
        lock.lock();
        try {
            closed = true;
            if (!working) {
                drained.complete(null);
            }
        } finally {
            lock.unlock();
        }
        return drained;
    }
}
