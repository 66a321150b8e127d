package org.chatserver.adapter.storage.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class FsStorageConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(FsStorageConfiguration.class);

    @TempDir
    Path temp;

    @Test
    void providesAnAttachmentStorageInTheConfiguredFolder() {
        Path root = temp.resolve("attachments");

        context.withPropertyValues("chat.storage.fs.root=" + root).run(started -> {
            assertThat(started).hasSingleBean(AttachmentStorage.class).hasBean("attachmentStorage");
            assertThat(started.getBean(FsAttachmentStorage.class).root()).isEqualTo(root);
            assertThat(root).isDirectory();
        });
    }

    @Test
    void refusesToStartWithoutAFolder() {
        context.run(started -> assertThat(started).hasFailed()
                .getFailure().rootCause().hasMessageContaining("chat.storage.fs.root"));
    }

    @Test
    void refusesToStartWhenTheFolderCannotBeUsed() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "x");

        context.withPropertyValues("chat.storage.fs.root=" + file).run(started -> assertThat(started).hasFailed()
                .getFailure().hasStackTraceContaining("chat.storage.fs.root"));
    }
}
