package org.chatserver.adapter.persistence;

import java.nio.file.Path;
import java.util.UUID;
import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.junit.jupiter.api.io.TempDir;

class SqliteChatRepositoriesTest extends ChatRepositoriesContracts {

    @TempDir
    static Path directory;

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabases.sqlite(directory.resolve(UUID.randomUUID().toString()));
    }
}
