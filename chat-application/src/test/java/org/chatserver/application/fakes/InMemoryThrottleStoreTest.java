package org.chatserver.application.fakes;

import org.chatserver.application.contract.ThrottleStoreContract;
import org.chatserver.application.port.out.auth.ThrottleStore;

class InMemoryThrottleStoreTest extends ThrottleStoreContract {

    @Override
    protected ThrottleStore newStore(MutableClock clock) {
        return new InMemoryThrottleStore();
    }
}
