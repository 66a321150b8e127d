package org.chatserver.application.fakes;

import org.chatserver.application.contract.AttachmentRepositoryContract;

class InMemoryAttachmentRepositoryTest extends AttachmentRepositoryContract {

    @Override
    protected Stores newStores() {
        var users = new InMemoryUserRepository();
        return new Stores(new InMemoryAttachmentRepository(users), users);
    }
}
