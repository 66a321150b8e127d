package org.chatserver.application.fakes;

import java.util.function.Supplier;
import org.chatserver.application.port.out.Transactions;

/**
 * Runs the work as it is: the in-memory fakes cannot roll back. Atomicity is proven against the
 * real databases, in bootstrap's tests.
 */
public final class DirectTransactions implements Transactions {

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return work.get();
    }
}
