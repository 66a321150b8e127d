package org.chatserver.adapter.persistence;

import java.nio.file.Path;
import java.util.UUID;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.contract.UserRepositoryContract;
import org.chatserver.application.port.out.user.UserRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class SqliteUserRepositoryTest extends UserRepositoryContract {

    @TempDir
    static Path directory;

    private TestDatabase database;

    @Override
    protected UserRepository newRepository() {
        database = TestDatabases.sqlite(directory.resolve(UUID.randomUUID().toString()));
        return new JooqUserRepository(database.dsl());
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
