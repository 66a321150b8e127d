package org.chatserver.adapter.media;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatserver.application.port.out.attachment.MediaInspector.InspectorBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few platform threads that decode images, a bounded line of work waiting for them, and a time
 * limit per image. Requests are served by virtual threads, and a virtual thread in a CPU-bound or
 * native decoder holds its carrier: two hostile images took both carriers of a 2-core machine and
 * stalled {@code /health} for 10 s and WebSocket delivery for 4.7 s. Here the request's virtual
 * thread waits without holding a carrier, decoding never takes more cores than it has threads, and
 * work beyond the line is refused at once ({@link InspectorBusyException}) instead of piling up.
 *
 * <p>The time limit counts from the moment a thread takes the work. When it passes, the caller is
 * answered {@link OverTimeLimit} at once and the work's {@link Deadline} is expired; decoders stop at
 * their next read or progress report. A decoder inside native code that reports nothing finishes
 * first, still on its own thread: the limit bounds what the caller waits, the pool what the decoding costs.
 */
final class DecodingPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecodingPool.class);

    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor timer;
    private final int threads;
    private final int queue;
    private final Duration timeLimit;
    private final Duration retryAfter;
    private final RateLimitedWarning busyWarning = new RateLimitedWarning(LOG);
    private final RateLimitedWarning overrunWarning = new RateLimitedWarning(LOG);

    /**
     * @param threads    platform threads that decode, at least 1
     * @param queue      work that may wait for a thread, 0 or more; beyond it work is refused
     * @param timeLimit  the longest one piece of work may run
     * @param retryAfter what a refused caller is told to wait
     */
    DecodingPool(int threads, int queue, Duration timeLimit, Duration retryAfter) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (queue < 0) {
            throw new IllegalArgumentException("queue must be 0 or more, was " + queue);
        }
        if (timeLimit.isNegative() || timeLimit.isZero() || retryAfter.isNegative()) {
            throw new IllegalArgumentException("the time limit must be positive and retry-after not negative");
        }
        this.threads = threads;
        this.queue = queue;
        this.timeLimit = timeLimit;
        this.retryAfter = retryAfter;
        BlockingQueue<Runnable> line = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, line,
                daemons("image-decoding-"), new ThreadPoolExecutor.AbortPolicy());
        this.timer = new ScheduledThreadPoolExecutor(1, daemons("image-decoding-deadline-"));
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /** Half the cores, at least one: the other half stays with the chat. */
    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    Duration timeLimit() {
        return timeLimit;
    }

    /** Work that stops early, where it can, once its deadline has passed. */
    interface Decoding<T> {
        T run(Deadline deadline) throws Exception;
    }

    /** Set when the time limit passes (or the caller stops waiting); read by the decoding thread. */
    static final class Deadline {
        private volatile boolean passed;

        boolean passed() {
            return passed;
        }

        void expire() {
            passed = true;
        }
    }

    /** The work ran past the time limit; what it returns later is dropped. */
    static final class OverTimeLimit extends RuntimeException {
        OverTimeLimit() {
            super("decoding ran past its time limit", null, false, false);
        }
    }

    /**
     * Runs {@code work} on one of the pool's threads and waits for it without holding a carrier.
     *
     * @throws InspectorBusyException every thread busy and the line full; the work never starts
     * @throws OverTimeLimit          the work ran longer than the time limit
     */
    <T> T decode(Decoding<T> work) {
        return submit(work).await();
    }

    /**
     * Hands {@code work} to a thread or puts it in line, without waiting for it.
     *
     * @throws InspectorBusyException every thread busy and the line full; the work never starts
     */
    <T> Pending<T> submit(Decoding<T> work) {
        Pending<T> pending = new Pending<>();
        try {
            workers.execute(() -> run(work, pending));
        } catch (RejectedExecutionException e) {
            busyWarning.warn("Refused {} image upload(s) with 503: all {} decoding thread(s) busy and {} "
                    + "waiting (chat.media.decode-threads, chat.media.decode-queue)", threads, queue);
            throw new InspectorBusyException(retryAfter);
        }
        return pending;
    }

    private <T> void run(Decoding<T> work, Pending<T> pending) {
        if (pending.answer.isDone()) {
            return; // the caller stopped waiting while this was in line
        }
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            pending.deadline.expire();
            if (pending.answer.completeExceptionally(new OverTimeLimit())) {
                overrunWarning.warn("Stopped waiting for {} image decode(s) at the time limit of {} "
                        + "(chat.media.decode-time-limit); the uploads were refused", timeLimit);
            }
        }, timeLimit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            pending.answer.complete(work.run(pending.deadline));
        } catch (Throwable failure) {
            pending.answer.completeExceptionally(failure);
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Work handed to the pool, whose answer the caller waits for. */
    static final class Pending<T> {

        private final Deadline deadline = new Deadline();
        private final CompletableFuture<T> answer = new CompletableFuture<>();

        /**
         * The work's result, or its failure as it was thrown.
         *
         * @throws OverTimeLimit the work ran longer than the time limit
         */
        T await() {
            try {
                return answer.get();
            } catch (InterruptedException e) {
                deadline.expire();
                answer.cancel(false);
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an image to decode", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("decoding failed", cause);
            }
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        timer.shutdownNow();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
