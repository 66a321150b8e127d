package org.chatserver.bootstrap;

import java.util.function.Supplier;
import org.chatserver.application.port.out.Transactions;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The use cases' transactions, run by Spring's transaction manager so that every repository
 * (they all go through the same transaction-aware DataSource) joins the same one.
 */
final class SpringTransactions implements Transactions {

    private final TransactionOperations template;

    SpringTransactions(TransactionOperations template) {
        this.template = template;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
    }
}
