package org.chatserver.application.fakes;

import org.chatserver.application.contract.ChatStores;
import org.chatserver.application.contract.RoomRepositoryContract;

class InMemoryRoomRepositoryTest extends RoomRepositoryContract {

    @Override
    protected ChatStores newStores() {
        return InMemoryChatStores.create();
    }
}
