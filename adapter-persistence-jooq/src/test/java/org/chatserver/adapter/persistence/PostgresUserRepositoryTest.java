package org.chatserver.adapter.persistence;

import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.contract.UserRepositoryContract;
import org.chatserver.application.port.out.user.UserRepository;
import org.junit.jupiter.api.AfterEach;

class PostgresUserRepositoryTest extends UserRepositoryContract {

    private TestDatabase database;

    @Override
    protected UserRepository newRepository() {
        database = TestDatabases.postgresReused();
        return new JooqUserRepository(database.dsl());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }
}
