package org.chatserver.application.fakes;

import org.chatserver.application.contract.PresenceStoreContract;
import org.chatserver.application.port.out.user.PresenceStore;

class InMemoryPresenceStoreTest extends PresenceStoreContract {

    @Override
    protected PresenceStore newStore() {
        return new InMemoryPresenceStore();
    }
}
