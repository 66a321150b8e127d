package org.chatserver.application.fakes;

import org.chatserver.application.contract.MessageSearchContract;

class InMemoryMessageSearchTest extends MessageSearchContract {

    @Override
    protected Stores newStores() {
        var chat = InMemoryChatStores.create();
        return new Stores(chat, new InMemoryMessageSearch((InMemoryMessageRepository) chat.messages(), chat.rooms()));
    }
}
