package org.chatserver.bootstrap.e2e;

import java.nio.file.Path;
import org.chatserver.bootstrap.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The embedded default, as `./mvnw spring-boot:run` starts it, in a fresh data folder. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SqliteAuthFlowTest extends AuthFlowContract {

    static final Path DATA_DIR = TestDataDirs.create("sqlite-auth-flow-test-");

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", DATA_DIR::toString);
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }

}
