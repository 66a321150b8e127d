package org.chatserver.application.service.message;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.chatserver.application.port.in.ServiceBusyException;
import org.chatserver.application.port.in.message.PostMessageUseCase.Posted;
import org.chatserver.domain.RoomId;

/**
 * Group commit, room by room. A post to a room where no batch is being stored starts one at once (a batch
 * of one: no timer, nobody waits when the room is quiet). Posts that arrive meanwhile wait in the room's
 * queue; when the batch is over, the first of them takes up to {@code maxBatch} posts off the queue, itself
 * first, and stores them as the next batch on its own thread, while the others wait for their answers.
 * Batches of a room run strictly one after another, and a batch publishes what it stored before the next
 * one starts: every client sees one order. A busy room thus commits once per batch instead of once per
 * post; rooms never wait for each other.
 *
 * <p>A batch is stored on the {@code storer} executor while its leader waits (the poster's own thread when
 * the executor runs tasks where they are given). A batch is its room's critical path: on a virtual thread each
 * of its round trips to the database would wait for a free carrier behind the connections' writers fanning
 * out the batch before; on a platform thread of its own the operating system schedules it (issue 14.6).
 *
 * @param <P> a post with its answer ({@link Pending})
 */
final class PostBatches<P extends PostBatches.Pending> {

    /** Stores every batch on the thread of the post that leads it: no hand-off, nothing to wait for. */
    static final Executor ON_LEADERS_THREAD = Runnable::run;

    static final String BUSY = "Too many messages are waiting to be stored in this room, try again shortly";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxBatch;
    private final int maxWaiting;
    private final Consumer<List<P>> store;
    private final Executor storer;
    private final Map<RoomId, Queue<P>> queues = new ConcurrentHashMap<>();

    /**
     * @param store stores a batch (posts to one room, in arrival order), publishes what it stored in that
     *              order and settles every post of it; whatever it leaves unsettled fails
     * @param storer where batches are stored (a batch's leader waits for it); {@link #ON_LEADERS_THREAD}: on
     *               the leader's own thread
     */
    PostBatches(int maxBatch, int maxWaiting, Consumer<List<P>> store, Executor storer) {
        if (maxBatch < 1 || maxWaiting < 1) {
            throw new IllegalArgumentException("a batch holds at least one post, and at least one may wait");
        }
        this.maxBatch = maxBatch;
        this.maxWaiting = maxWaiting;
        this.store = store;
        this.storer = storer;
    }

    /** The rooms whose batch this thread is storing. */
    private final ThreadLocal<Set<RoomId>> leading = ThreadLocal.withInitial(HashSet::new);

    /**
     * Stores the post with the room's next batch and answers it: its message, or the refusal it met.
     * {@link ServiceBusyException} when {@code maxWaiting} posts of the room wait already (nothing stored).
     */
    Posted submit(RoomId room, P post) {
        if (leading.get().contains(room)) {
            // posted on the thread that is storing this room's batch (by something it told of a message as the
            // batch was published): waiting for the batch to end would wait for itself. The batch is committed
            // by then, so this post is stored now, on its own; watchers put it in order from the change log.
            store.accept(List.of(post));
            post.failUnlessSettled(() -> new IllegalStateException("the post was left unanswered"));
            return post.answer();
        }
        Queue<P> queue;
        boolean lead;
        while (true) {
            queue = queues.computeIfAbsent(room, Queue::new);
            synchronized (queue) {
                if (queue.retired) {
                    continue;
                }
                if (queue.waiting.size() >= maxWaiting) {
                    throw new ServiceBusyException(BUSY, RETRY_AFTER);
                }
                queue.waiting.addLast(post);
                lead = !queue.storing;
                queue.storing = true;
                break;
            }
        }
        if (lead || post.awaitTurn()) {
            lead(queue);
        }
        return post.answer();
    }

    /** Stores the batch at the head of the queue (this thread's own post first), then hands the queue on. */
    private void lead(Queue<P> queue) {
        List<P> batch = new ArrayList<>();
        synchronized (queue) {
            while (batch.size() < maxBatch && !queue.waiting.isEmpty()) {
                batch.add(queue.waiting.pollFirst());
            }
        }
        try {
            if (storer == ON_LEADERS_THREAD || !leading.get().isEmpty()) {
                // also when this thread stores a batch of another room already (something told of that batch's
                // message posted here): handing this one over and waiting could wait for this very thread
                storeHere(queue.room, batch);
            } else {
                storeOnStorer(queue.room, batch);
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(p -> p.failUnlessSettled(() -> e instanceof RuntimeException r ? r
                    : new IllegalStateException("storing the batch failed", e)));
        } finally {
            P next;
            synchronized (queue) {
                next = queue.waiting.peekFirst();
                if (next == null) {
                    queue.storing = false;
                    queue.retired = true;
                    queues.remove(queue.room, queue);
                }
            }
            if (next != null) {
                next.turn.complete(true);
            }
            for (P p : batch) {
                // made only for a post left unsettled: an exception's stack trace is costly, and every post passes here
                p.failUnlessSettled(() -> new IllegalStateException("a post of the batch was left unanswered"));
                p.turn.complete(false);
            }
        }
    }

    private void storeHere(RoomId room, List<P> batch) {
        leading.get().add(room);
        try {
            store.accept(batch);
        } finally {
            leading.get().remove(room);
        }
    }

    /**
     * Stores the batch on the storer and waits for it to end, interrupted or not: the room's next batch must
     * not start before this one is over.
     */
    private void storeOnStorer(RoomId room, List<P> batch) {
        FutureTask<Void> task = new FutureTask<>(() -> storeHere(room, batch), null);
        try {
            storer.execute(task);
        } catch (RejectedExecutionException e) {
            // the storer is shutting down: this batch is stored here, as the last ones
            storeHere(room, batch);
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException r -> throw r;
                        case Error r -> throw r;
                        default -> throw new IllegalStateException("storing the batch failed", e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Rooms with a batch under way or posts waiting (for tests: idle rooms are forgotten). */
    int busyRooms() {
        return queues.size();
    }

    /** Posts to the room waiting behind the batch being stored (for tests). */
    int waiting(RoomId room) {
        Queue<P> queue = queues.get(room);
        if (queue == null) {
            return 0;
        }
        synchronized (queue) {
            return queue.waiting.size();
        }
    }

    private static final class Queue<P> {
        final RoomId room;
        final ArrayDeque<P> waiting = new ArrayDeque<>();
        /** a batch of this room is being stored: new posts wait */
        boolean storing;
        /** idle and out of the map: a post that still found it starts a new queue */
        boolean retired;

        Queue(RoomId room) {
            this.room = room;
        }
    }

    /** A post waiting for its batch, and then its answer. */
    abstract static class Pending {

        /** completed true when this post's thread is to store the next batch, false when its batch is over */
        final CompletableFuture<Boolean> turn = new CompletableFuture<>();
        private Posted posted;
        private RuntimeException failure;
        private Runnable after;
        private boolean settled;

        /** Stored (or found stored): {@code after} runs on the poster's own thread before it is answered. */
        final synchronized void succeed(Posted posted, Runnable after) {
            if (!settled) {
                this.posted = posted;
                this.after = after;
                settled = true;
            }
        }

        final synchronized void fail(RuntimeException failure) {
            failUnlessSettled(() -> failure);
        }

        synchronized void failUnlessSettled(Supplier<? extends RuntimeException> failure) {
            if (!settled) {
                this.failure = failure.get();
                settled = true;
            }
        }

        boolean awaitTurn() {
            return turn.join();
        }

        Posted answer() {
            Posted answer;
            Runnable then;
            synchronized (this) {
                if (failure != null) {
                    throw failure;
                }
                answer = posted;
                then = after;
            }
            if (then != null) {
                then.run();
            }
            return answer;
        }
    }
}
