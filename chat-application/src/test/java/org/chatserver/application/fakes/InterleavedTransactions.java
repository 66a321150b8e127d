package org.chatserver.application.fakes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.chatserver.application.port.out.Transactions;

/**
 * {@link DirectTransactions} that run a test's own work just before or just after the n-th unit of work
 * begun through them from now on (counting outermost units only, from 1): how a test puts other users'
 * commits between two reads of a service, at exactly the place a race would, with no sleeps.
 */
public final class InterleavedTransactions implements Transactions {

    private final DirectTransactions direct = new DirectTransactions();
    private final AtomicInteger begun = new AtomicInteger();
    private final Map<Integer, Runnable> before = new ConcurrentHashMap<>();
    private final Map<Integer, Runnable> after = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);

    /** Runs {@code work} (in units of its own) right before the {@code unit}-th unit begun after this call. */
    public InterleavedTransactions before(int unit, Runnable work) {
        before.put(begun.get() + unit, work);
        return this;
    }

    /** Runs {@code work} (in units of its own) right after the {@code unit}-th unit begun after this call ends. */
    public InterleavedTransactions after(int unit, Runnable work) {
        after.put(begun.get() + unit, work);
        return this;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (inside.get()) {
            return direct.inTransaction(work);
        }
        int unit = begun.incrementAndGet();
        runOnce(before, unit);
        T result;
        inside.set(true);
        try {
            result = direct.inTransaction(work);
        } finally {
            inside.set(false);
        }
        runOnce(after, unit);
        return result;
    }

    private static void runOnce(Map<Integer, Runnable> hooks, int unit) {
        Runnable hook = hooks.remove(unit);
        if (hook != null) {
            hook.run();
        }
    }
}
