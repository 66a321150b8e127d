package org.chatserver.application.fakes;

import org.chatserver.application.contract.SessionStoreContract;

class InMemorySessionStoreTest extends SessionStoreContract {

    @Override
    protected Stores newStores() {
        var users = new InMemoryUserRepository();
        return new Stores(new InMemorySessionStore(users), users);
    }
}
