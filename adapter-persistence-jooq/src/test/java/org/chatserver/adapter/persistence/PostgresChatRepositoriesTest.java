package org.chatserver.adapter.persistence;

import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;

class PostgresChatRepositoriesTest extends ChatRepositoriesContracts {

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.postgresReused();
    }
}
