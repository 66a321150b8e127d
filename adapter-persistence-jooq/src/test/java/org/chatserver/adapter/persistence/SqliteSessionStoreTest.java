package org.chatserver.adapter.persistence;

import java.nio.file.Path;
import java.util.UUID;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.contract.SessionStoreContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteSessionStoreTest extends SessionStoreContract {

    @TempDir
    static Path directory;

    private TestDatabase database;

    @Override
    protected Stores newStores() {
        database = TestDatabases.sqlite(directory.resolve(UUID.randomUUID().toString()));
        return new Stores(new JooqSessionStore(database.dsl()), new JooqUserRepository(database.dsl()));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
