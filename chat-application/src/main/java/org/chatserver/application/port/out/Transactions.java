package org.chatserver.application.port.out;

import java.util.function.Supplier;

/** Runs work atomically: everything it writes commits together or not at all. */
public interface Transactions {

    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
