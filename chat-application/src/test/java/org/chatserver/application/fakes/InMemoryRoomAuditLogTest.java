package org.chatserver.application.fakes;

import org.chatserver.application.contract.RoomAuditLogContract;

class InMemoryRoomAuditLogTest extends RoomAuditLogContract {

    @Override
    protected Stores newStores() {
        var chat = InMemoryChatStores.create();
        return new Stores(chat, new InMemoryRoomAuditLog(chat.users()));
    }
}
