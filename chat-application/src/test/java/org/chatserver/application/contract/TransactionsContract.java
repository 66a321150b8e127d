package org.chatserver.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.chatserver.application.port.in.NotFoundException;
import org.chatserver.application.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How every {@link Transactions} passes work and failures through, so that a use case behaves the
 * same over the in-memory fake as over Spring's transactions. Run against the fake and against
 * bootstrap's Spring implementation on a real database.
 *
 * <p>That the writes of failed work are undone cannot be asked of the fake (the in-memory stores
 * have no undo); bootstrap's {@code TransactionAtomicityTest} proves it on both databases.
 */
public abstract class TransactionsContract {

    private Transactions transactions;

    /** The implementation under test, over a fresh store if it needs one; called before each test. */
    protected abstract Transactions newTransactions();

    @BeforeEach
    void createTransactions() {
        transactions = newTransactions();
    }

    @Test
    void answersWhatTheWorkAnswersNullIncluded() {
        assertThat(transactions.inTransaction(() -> "done")).isEqualTo("done");
        assertThat(transactions.<String>inTransaction(() -> null)).isNull();
    }

    @Test
    void runsTheWorkOnceOnTheCallersThread() {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        transactions.run(() -> {
            runs.incrementAndGet();
            ranOn.set(Thread.currentThread());
        });

        assertThat(runs).hasValue(1);
        assertThat(ranOn).hasValue(Thread.currentThread());
    }

    @Test
    void aRefusalThrownByTheWorkReachesTheCallerAsItWas() {
        // adapters map refusals to statuses by their type: a wrapped one would become a 500
        NotFoundException refusal = new NotFoundException("Room not found");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            throw refusal;
        })).isSameAs(refusal);
        assertThatThrownBy(() -> transactions.run(() -> {
            throw refusal;
        })).isSameAs(refusal);
    }

    @Test
    void anErrorThrownByTheWorkReachesTheCallerAsItWas() {
        AssertionError error = new AssertionError("broken");

        assertThatThrownBy(() -> transactions.run(() -> {
            throw error;
        })).isSameAs(error);
    }

    @Test
    void aNestedCallJoinsTheOuterOne() {
        String answer = transactions.inTransaction(() -> "outer+" + transactions.inTransaction(() -> "inner"));

        assertThat(answer).isEqualTo("outer+inner");
    }

    @Test
    void aFailureLeavingANestedCallFailsTheWholeTransactionEvenWhenTheOuterWorkCatchesIt() {
        RuntimeException inner = new IllegalStateException("inner write failed");

        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            try {
                transactions.run(() -> {
                    throw inner;
                });
            } catch (IllegalStateException caught) {
                // carrying on cannot commit half a unit of work
            }
            return "carried on";
        })).isInstanceOf(RuntimeException.class).isNotSameAs(inner);

        // and the next transaction starts clean
        assertThat(transactions.inTransaction(() -> "next")).isEqualTo("next");
    }
}
