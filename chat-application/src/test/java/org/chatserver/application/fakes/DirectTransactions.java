package org.chatserver.application.fakes;

import java.util.function.Supplier;
import org.chatserver.application.port.out.Transactions;

/**
 * Runs the work as it is: the in-memory fakes cannot roll back. Atomicity is proven against the
 * real databases, in bootstrap's tests. What callers can see otherwise matches the real
 * transactions ({@code TransactionsContract}): nested calls join, and a failure that left a nested
 * call fails the outermost one even when the work caught it.
 */
public final class DirectTransactions implements Transactions {

    /** The unit of work of this thread, whichever DirectTransactions began it. */
    private static final ThreadLocal<Unit> CURRENT = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Unit unit = CURRENT.get();
        if (unit != null) {
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                unit.failed = true;
                throw e;
            }
        }
        unit = new Unit();
        CURRENT.set(unit);
        try {
            T result = work.get();
            if (unit.failed) {
                throw new IllegalStateException("Transaction rolled back: a nested unit of work failed");
            }
            return result;
        } finally {
            CURRENT.remove();
            unit.atEnd.reversed().forEach(Runnable::run);
        }
    }

    /**
     * Runs {@code release} when this thread's unit of work ends, committed or not (at once outside one):
     * how the in-memory stores hold a lock until "commit", as a database holds a row lock.
     */
    public static void atEnd(Runnable release) {
        Unit unit = CURRENT.get();
        if (unit == null) {
            release.run();
        } else {
            unit.atEnd.add(release);
        }
    }

    private static final class Unit {
        boolean failed;
        final java.util.List<Runnable> atEnd = new java.util.ArrayList<>();
    }
}
