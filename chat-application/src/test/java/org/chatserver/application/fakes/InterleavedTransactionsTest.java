package org.chatserver.application.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.chatserver.application.contract.TransactionsContract;
import org.chatserver.application.port.out.Transactions;
import org.junit.jupiter.api.Test;

class InterleavedTransactionsTest extends TransactionsContract {

    @Override
    protected Transactions newTransactions() {
        return new InterleavedTransactions();
    }

    @Test
    void theTestsWorkRunsBeforeAndAfterTheChosenOutermostUnitOnly() {
        List<String> order = new ArrayList<>();
        InterleavedTransactions tx = new InterleavedTransactions()
                .before(2, () -> order.add("before 2"))
                .after(2, () -> order.add("after 2"));

        tx.run(() -> order.add("unit 1"));
        tx.run(() -> {
            order.add("unit 2");
            tx.run(() -> order.add("nested in 2"));
        });
        tx.run(() -> order.add("unit 3"));

        assertThat(order).containsExactly("unit 1", "before 2", "unit 2", "nested in 2", "after 2", "unit 3");
    }
}
