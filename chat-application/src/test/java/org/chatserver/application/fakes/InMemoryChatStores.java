package org.chatserver.application.fakes;

import org.chatserver.application.contract.ChatStores;

/** The in-memory fakes over one shared, empty store, as the contracts need them. */
final class InMemoryChatStores {

    private InMemoryChatStores() {
    }

    static ChatStores create() {
        var users = new InMemoryUserRepository();
        var messages = new InMemoryMessageRepository(users);
        return new ChatStores(users, new InMemoryRoomRepository(users, messages), messages,
                new InMemoryReactionRepository(users), new DirectTransactions());
    }
}
