package org.chatserver.application.fakes;

import org.chatserver.application.contract.ChatStores;
import org.chatserver.application.contract.ReactionRepositoryContract;

class InMemoryReactionRepositoryTest extends ReactionRepositoryContract {

    @Override
    protected ChatStores newStores() {
        return InMemoryChatStores.create();
    }
}
