package org.chatserver.bootstrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The embedded default, as `./mvnw spring-boot:run` starts it, in a fresh data folder. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SqliteAuthFlowTest extends AuthFlowContract {

    static final Path DATA_DIR = tempDir();

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", DATA_DIR::toString);
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("chat-e2e-sqlite");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
