package org.chatserver.adapter.persistence;

import java.nio.file.Path;
import java.util.UUID;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.contract.ChatStores;
import org.chatserver.application.contract.MessageRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteMessageRepositoryTest extends MessageRepositoryContract {

    @TempDir
    static Path directory;

    private TestDatabase database;

    @Override
    protected ChatStores newStores() {
        database = TestDatabases.sqlite(directory.resolve(UUID.randomUUID().toString()));
        return JooqChatStores.over(database);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
