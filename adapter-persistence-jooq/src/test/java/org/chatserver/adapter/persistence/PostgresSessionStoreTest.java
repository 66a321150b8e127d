package org.chatserver.adapter.persistence;

import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.application.contract.SessionStoreContract;
import org.junit.jupiter.api.AfterEach;

class PostgresSessionStoreTest extends SessionStoreContract {

    private TestDatabase database;

    @Override
    protected Stores newStores() {
        database = TestDatabases.postgresReused();
        return new Stores(new JooqSessionStore(database.dsl()), new JooqUserRepository(database.dsl()));
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }
}
