package org.chatserver.application.fakes;

import org.chatserver.application.contract.ChatStores;
import org.chatserver.application.contract.MessageRepositoryContract;

class InMemoryMessageRepositoryTest extends MessageRepositoryContract {

    @Override
    protected ChatStores newStores() {
        return InMemoryChatStores.create();
    }
}
