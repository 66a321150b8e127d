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

    private final ThreadLocal<Unit> current = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Unit unit = current.get();
        if (unit != null) {
            try {
                return work.get();
            } catch (RuntimeException | Error e) {
                unit.failed = true;
                throw e;
            }
        }
        unit = new Unit();
        current.set(unit);
        try {
            T result = work.get();
            if (unit.failed) {
                throw new IllegalStateException("Transaction rolled back: a nested unit of work failed");
            }
            return result;
        } finally {
            current.remove();
        }
    }

    private static final class Unit {
        boolean failed;
    }
}
