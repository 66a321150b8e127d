package org.chatserver.adapter.security;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatserver.application.port.out.auth.PasswordHasher;
import org.chatserver.domain.PasswordHash;
import org.chatserver.domain.PlainPassword;

/**
 * Runs a slow hasher on a few platform threads of its own. Requests are served by virtual threads,
 * and a virtual thread busy in bcrypt holds its carrier: a burst of logins would take every
 * carrier and stall message delivery (measured: chat p99 from 5 ms to 8 s under 8 login loops on
 * 2 cores). Here a login's virtual thread waits without holding a carrier, and hashing never
 * takes more than its share of the cores.
 *
 * <p>The queue is bounded: past {@code queueLimit} waiting hashes a caller is refused at once
 * ({@link BusyException}, 503) rather than made to wait behind work that may take minutes. A caller
 * interrupted while it waits (its client went away) takes its work out of the queue: nothing is
 * hashed for nobody.
 */
public final class BoundedPasswordHasher implements PasswordHasher, AutoCloseable {

    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final PasswordHasher delegate;
    private final ThreadPoolExecutor workers;

    public BoundedPasswordHasher(PasswordHasher delegate, int threads, int queueLimit) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (queueLimit < 1) {
            throw new IllegalArgumentException("queueLimit must be at least 1, was " + queueLimit);
        }
        this.delegate = delegate;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueLimit), task -> {
                    Thread thread = new Thread(task, "password-hashing-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Hashes waiting for a thread. */
    int queued() {
        return workers.getQueue().size();
    }

    /** Half the cores, at least one: the other half stays with the chat. */
    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    @Override
    public PasswordHash hash(PlainPassword password) {
        return run(() -> delegate.hash(password));
    }

    @Override
    public boolean matches(PlainPassword candidate, PasswordHash hash) {
        return run(() -> delegate.matches(candidate, hash));
    }

    private <T> T run(Callable<T> work) {
        FutureTask<T> result = new FutureTask<>(work);
        try {
            workers.execute(result);
        } catch (RejectedExecutionException e) {
            throw new BusyException("password hashing queue is full", RETRY_AFTER);
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            // not yet started: out of the queue, never run; already running: bcrypt cannot stop midway
            result.cancel(false);
            workers.remove(result);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a password", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
