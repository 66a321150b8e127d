package org.chatserver.bootstrap.e2e;

import org.chatserver.bootstrap.TestDataDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Attachments in the data folder: the embedded default. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FsFileFlowTest extends FileFlowContract {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("fs-file-flow-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
    }
}
