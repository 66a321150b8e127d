package org.chatserver.application.fakes;

import org.chatserver.application.contract.ChatStores;
import org.chatserver.application.contract.MentionRepositoryContract;

class InMemoryMentionRepositoryTest extends MentionRepositoryContract {

    @Override
    protected ChatStores newStores() {
        return InMemoryChatStores.create();
    }
}
