package org.chatserver.application.fakes;

import org.chatserver.application.contract.ChatStores;

/** The in-memory fakes over one shared, empty store, as the contracts need them. */
final class InMemoryChatStores {

    private InMemoryChatStores() {
    }

    static ChatStores create() {
        var users = new InMemoryUserRepository();
        var messages = new InMemoryMessageRepository(users);
        var rooms = new InMemoryRoomRepository(users, messages);
        return new ChatStores(users, rooms, messages, new InMemoryReactionRepository(users), new DirectTransactions(),
                new InMemoryMentionRepository(rooms, messages));
    }
}
