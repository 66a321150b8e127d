package org.chatserver.application.service.message;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.function.Function;
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
 * <p>Or {@linkplain #PostBatches(int, int, Function, Executor, boolean) across rooms}, for a database with one
 * writer (SQLite): there rooms wait for each other anyway, on the one connection, so all rooms share one queue
 * and a batch holds the waiting posts of several rooms (up to {@code maxBatch} of each), each room's in arrival
 * order, stored in one transaction: one commit where each room's batch would be one. {@code maxWaiting} is then
 * the server's bound, not a room's. Since that one queue is every room's critical path, a batch is published while
 * the next one is stored (published strictly in turn, so the order stays one): storing never waits for the
 * connections of the batch before to be written to.
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
    /** The refusal when all rooms share one queue. */
    static final String BUSY_ACROSS_ROOMS = "Too many messages are waiting to be stored, try again shortly";
    /** The one queue's key, across rooms. */
    private static final Object ALL_ROOMS = "all rooms";
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final int maxBatch;
    private final int maxWaiting;
    /** stores a batch and gives what publishes it and answers its posts */
    private final Function<List<P>, Runnable> store;
    private final Executor storer;
    private final boolean acrossRooms;
    /** by room, or one under {@link #ALL_ROOMS} */
    private final Map<Object, Queue<P>> queues = new ConcurrentHashMap<>();

    /**
     * @param store stores a batch (posts to one room, in arrival order) and gives what publishes what it stored
     *              in that order and settles every post of it; whatever that leaves unsettled fails
     * @param storer where batches are stored, and published (a batch's leader waits for it);
     *               {@link #ON_LEADERS_THREAD}: on the leader's own thread
     */
    PostBatches(int maxBatch, int maxWaiting, Function<List<P>, Runnable> store, Executor storer) {
        this(maxBatch, maxWaiting, store, storer, false);
    }

    /**
     * @param store stores a batch (posts in arrival order; of several rooms when {@code acrossRooms}) and gives
     *              what publishes what it stored in that order and settles every post of it; whatever that
     *              leaves unsettled fails
     * @param acrossRooms one queue for all rooms: a batch holds posts of any room, and is published while the
     *                    next one is stored
     */
    PostBatches(int maxBatch, int maxWaiting, Function<List<P>, Runnable> store, Executor storer,
                boolean acrossRooms) {
        if (maxBatch < 1 || maxWaiting < 1) {
            throw new IllegalArgumentException("a batch holds at least one post, and at least one may wait");
        }
        this.maxBatch = maxBatch;
        this.maxWaiting = maxWaiting;
        this.store = store;
        this.storer = storer;
        this.acrossRooms = acrossRooms;
    }

    /** The queues (rooms, or all rooms) whose batch this thread is storing. */
    private final ThreadLocal<Set<Object>> leading = ThreadLocal.withInitial(HashSet::new);

    private Object queueOf(RoomId room) {
        return acrossRooms ? ALL_ROOMS : room;
    }

    /**
     * Stores the post with the room's next batch and answers it: its message, or the refusal it met.
     * {@link ServiceBusyException} when {@code maxWaiting} posts of the room wait already (nothing stored).
     */
    Posted submit(RoomId room, P post) {
        Object key = queueOf(room);
        if (leading.get().contains(key)) {
            // posted on the thread that is storing this room's batch (by something it told of a message as the
            // batch was published): waiting for the batch to end would wait for itself. The batch is committed
            // by then, so this post is stored now, on its own; watchers put it in order from the change log.
            store.apply(List.of(post)).run();
            post.failUnlessSettled(() -> new IllegalStateException("the post was left unanswered"));
            return post.answer();
        }
        Queue<P> queue;
        boolean lead;
        while (true) {
            queue = queues.computeIfAbsent(key, Queue::new);
            synchronized (queue) {
                if (queue.retired) {
                    continue;
                }
                if (queue.waiting.size() >= maxWaiting) {
                    throw new ServiceBusyException(acrossRooms ? BUSY_ACROSS_ROOMS : BUSY, RETRY_AFTER);
                }
                post.room = room;
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

    /**
     * Stores the batch at the head of the queue (this thread's own post first) and publishes it, then hands the
     * queue on; across rooms, hands it on as soon as the batch is stored and publishes it after the batch
     * before it was published.
     */
    private void lead(Queue<P> queue) {
        List<P> batch = new ArrayList<>();
        synchronized (queue) {
            // up to maxBatch posts of each room (a room's queue holds one room), in arrival order up to the first
            // post of a room that has them
            Map<RoomId, Integer> ofRoom = new HashMap<>();
            while (!queue.waiting.isEmpty()
                    && ofRoom.merge(queue.waiting.peekFirst().room, 1, Integer::sum) <= maxBatch) {
                batch.add(queue.waiting.pollFirst());
            }
        }
        CompletableFuture<Void> published = new CompletableFuture<>();
        // the queue was handed on, or freed for the next post, before this batch was published
        boolean handedOn = false;
        try {
            Runnable publish = null;
            try {
                if (storer == ON_LEADERS_THREAD || !leading.get().isEmpty()) {
                    // also when this thread stores a batch of another room already (something told of that batch's
                    // message posted here): handing this one over and waiting could wait for this very thread
                    publish = storeHere(queue.key, batch);
                } else {
                    storeOnStorer(queue.key, batch);
                }
                if (publish != null && !acrossRooms) {
                    // room by room, the room's next batch waits for this one to be published
                    publishHere(queue.key, publish);
                    publish = null;
                }
            } catch (RuntimeException | Error e) {
                failUnsettled(batch, e, "storing the batch failed");
            }
            if (publish == null) {
                if (!acrossRooms) {
                    return;
                }
                // failed, or published on the storer: nothing left to publish, but still in turn, so that the queue
                // is free and idle only once the batches stored before this one are published
                publish = () -> { };
            }
            // across rooms: the queue is free for the next batch while this one is published; publishing stays in
            // turn, each batch after the one stored before it
            CompletableFuture<Void> before;
            P next;
            synchronized (queue) {
                before = queue.published;
                queue.published = published;
                next = queue.waiting.peekFirst();
                if (next == null) {
                    // the next post to come leads at once
                    queue.storing = false;
                }
                handedOn = true;
            }
            if (next != null) {
                next.turn.complete(true);
            }
            before.join();
            try {
                publishHere(queue.key, publish);
            } catch (RuntimeException | Error e) {
                failUnsettled(batch, e, "publishing the batch failed");
            }
        } finally {
            published.complete(null);
            P next = null;
            synchronized (queue) {
                if (!handedOn) {
                    next = queue.waiting.peekFirst();
                    if (next == null) {
                        retire(queue);
                    }
                } else if (!queue.storing && queue.waiting.isEmpty() && queue.published == published) {
                    // the last batch stored, now published, and nobody came since: the queue is idle
                    retire(queue);
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

    /** Fails the posts of the batch not answered yet: with {@code e} itself, or an error it caused. */
    private static void failUnsettled(List<? extends Pending> batch, Throwable e, String what) {
        batch.forEach(p -> p.failUnlessSettled(() -> e instanceof RuntimeException r ? r
                : new IllegalStateException(what, e)));
    }

    /** Call holding the queue's lock: idle, out of the map; a post that still finds it starts a new queue. */
    private void retire(Queue<P> queue) {
        queue.storing = false;
        queue.retired = true;
        queues.remove(queue.key, queue);
    }

    /** Stores the batch on this thread; gives what publishes it. */
    private Runnable storeHere(Object key, List<P> batch) {
        leading.get().add(key);
        try {
            return store.apply(batch);
        } finally {
            leading.get().remove(key);
        }
    }

    /** Publishes a stored batch on this thread; a post made meanwhile on this thread to the queue is stored at once. */
    private void publishHere(Object key, Runnable publish) {
        leading.get().add(key);
        try {
            publish.run();
        } finally {
            leading.get().remove(key);
        }
    }

    /**
     * Stores and publishes the batch on the storer and waits for it to end, interrupted or not: the room's next
     * batch must not start before this one is over.
     */
    private void storeOnStorer(Object key, List<P> batch) {
        FutureTask<Void> task = new FutureTask<>(() -> publishHere(key, storeHere(key, batch)), null);
        try {
            storer.execute(task);
        } catch (RejectedExecutionException e) {
            // the storer is shutting down: this batch is stored here, as the last ones
            publishHere(key, storeHere(key, batch));
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

    /** Queues (rooms, or all rooms) with a batch under way or posts waiting (for tests: idle ones are forgotten). */
    int busyRooms() {
        return queues.size();
    }

    /** Posts to the room (or to any, across rooms) waiting behind the batch being stored (for tests). */
    int waiting(RoomId room) {
        Queue<P> queue = queues.get(queueOf(room));
        if (queue == null) {
            return 0;
        }
        synchronized (queue) {
            return queue.waiting.size();
        }
    }

    private static final class Queue<P> {
        /** its room, or {@link #ALL_ROOMS} */
        final Object key;
        final ArrayDeque<P> waiting = new ArrayDeque<>();
        /** a batch of this queue is being stored: new posts wait */
        boolean storing;
        /** idle and out of the map: a post that still found it starts a new queue */
        boolean retired;
        /** completes when the last batch handed on has been published: the next one publishes after it */
        CompletableFuture<Void> published = CompletableFuture.completedFuture(null);

        Queue(Object key) {
            this.key = key;
        }
    }

    /** A post waiting for its batch, and then its answer. */
    abstract static class Pending {

        /** completed true when this post's thread is to store the next batch, false when its batch is over */
        final CompletableFuture<Boolean> turn = new CompletableFuture<>();
        /** where it is posted (set when it is queued) */
        RoomId room;
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
