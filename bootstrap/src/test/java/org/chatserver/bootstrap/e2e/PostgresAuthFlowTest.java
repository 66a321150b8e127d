package org.chatserver.bootstrap.e2e;

import org.chatserver.adapter.persistence.testsupport.TestDatabase;
import org.chatserver.adapter.persistence.testsupport.TestDatabases;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same story on PostgreSQL, in a schema of its own that Flyway migrates at start-up. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PostgresAuthFlowTest extends AuthFlowContract {

    static final TestDatabase DATABASE = TestDatabases.postgres(false);

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("postgres-auth-flow-test-"));
        registry.add("spring.datasource.url", DATABASE::jdbcUrl);
        registry.add("spring.datasource.username", DATABASE::username);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }

    @AfterAll
    static void dropSchema() {
        DATABASE.close();
    }
}
