package org.chatserver.adapter.persistence;

import static org.chatserver.adapter.persistence.generated.Tables.ROOMS;

import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.application.contract.ChatStores;

/** The jOOQ repositories over one test database, emptied as the contracts expect. */
final class JooqChatStores {

    private JooqChatStores() {
    }

    static ChatStores over(TestDatabase database) {
        // the contracts start from an empty store: remove the room the migration seeds (MigrationTest checks it)
        database.dsl().deleteFrom(ROOMS).execute();
        var dsl = database.dsl();
        return new ChatStores(new JooqUserRepository(dsl), new JooqRoomRepository(dsl), new JooqMessageRepository(dsl),
                new JooqReactionRepository(dsl), database.transactions());
    }
}
