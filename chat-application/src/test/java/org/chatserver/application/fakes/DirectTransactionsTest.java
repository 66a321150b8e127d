package org.chatserver.application.fakes;

import org.chatserver.application.contract.TransactionsContract;
import org.chatserver.application.port.out.Transactions;

class DirectTransactionsTest extends TransactionsContract {

    @Override
    protected Transactions newTransactions() {
        return new DirectTransactions();
    }
}
