package org.chatserver.adapter.persistence;

import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.contract.ChatStores;
import org.chatserver.application.contract.MessageRepositoryContract;
import org.junit.jupiter.api.AfterEach;

class PostgresMessageRepositoryTest extends MessageRepositoryContract {

    private TestDatabase database;

    @Override
    protected ChatStores newStores() {
        database = TestDatabases.postgres();
        return JooqChatStores.over(database);
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }
}
