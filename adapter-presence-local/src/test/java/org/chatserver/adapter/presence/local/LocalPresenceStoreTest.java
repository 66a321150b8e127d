package org.chatserver.adapter.presence.local;

import org.chatserver.application.contract.PresenceStoreContract;
import org.chatserver.application.port.out.user.PresenceStore;

class LocalPresenceStoreTest extends PresenceStoreContract {

    @Override
    protected PresenceStore newStore() {
        return new LocalPresenceStore();
    }
}
