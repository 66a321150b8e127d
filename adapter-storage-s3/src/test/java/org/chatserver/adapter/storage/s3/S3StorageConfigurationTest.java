package org.chatserver.adapter.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class S3StorageConfigurationTest {

    private static final TestS3Server SERVER = TestS3Server.get();

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(S3StorageConfiguration.class);

    private ApplicationContextRunner configured(String... more) {
        return context.withPropertyValues(
                        "chat.storage.s3.endpoint=" + SERVER.endpoint,
                        "chat.storage.s3.region=" + SERVER.region,
                        "chat.storage.s3.bucket=" + TestS3Server.freshBucketName(),
                        "chat.storage.s3.path-style-access=true",
                        "chat.storage.s3.access-key=" + SERVER.accessKey,
                        "chat.storage.s3.secret-key=" + SERVER.secretKey,
                        "chat.storage.s3.create-bucket=true")
                .withPropertyValues(more);
    }

    @Test
    void providesAWorkingAttachmentStorageThatStreamsByDefault() {
        configured().run(started -> {
            assertThat(started).hasSingleBean(AttachmentStorage.class).hasBean("attachmentStorage");
            AttachmentStorage storage = started.getBean(AttachmentStorage.class);
            StorageKey key = new StorageKey("hello.txt");
            storage.store(key, new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "text/plain");

            assertThat(storage.stat(key)).isPresent();
            assertThat(storage.presignedDownload(key, "text/plain", "inline")).isEmpty();
            assertThat(started.getBean(S3StorageProperties.class).serveMode())
                    .isEqualTo(S3StorageProperties.ServeMode.STREAM);
        });
    }

    @Test
    void redirectModeHandsOutUrlsValidForTheConfiguredTime() {
        configured("chat.storage.s3.serve-mode=redirect", "chat.storage.s3.presign-ttl=90s").run(started -> {
            AttachmentStorage storage = started.getBean(AttachmentStorage.class);

            assertThat(storage.presignedDownload(new StorageKey("a.png"), "image/png", "inline"))
                    .hasValueSatisfying(url -> assertThat(url.getQuery()).contains("X-Amz-Expires=90"));
        });
    }

    @Test
    void refusesToStartWithoutBucketOrRegion() {
        context.withPropertyValues("chat.storage.s3.region=us-east-1").run(started -> assertThat(started)
                .hasFailed().getFailure().hasStackTraceContaining("chat.storage.s3.bucket must be set"));
        context.withPropertyValues("chat.storage.s3.bucket=b").run(started -> assertThat(started)
                .hasFailed().getFailure().hasStackTraceContaining("chat.storage.s3.region must be set"));
        context.run(started -> assertThat(started).hasFailed().getFailure()
                .hasStackTraceContaining("chat.storage.s3.region and chat.storage.s3.bucket must be set"));
    }

    @Test
    void refusesHalfGivenCredentialsAndBadValues() {
        configured("chat.storage.s3.secret-key=").run(started -> assertThat(started)
                .hasFailed().getFailure().hasStackTraceContaining("set together"));
        configured("chat.storage.s3.presign-ttl=30d").run(started -> assertThat(started)
                .hasFailed().getFailure().hasStackTraceContaining("chat.storage.s3.presign-ttl"));
        configured("chat.storage.s3.serve-mode=teleport").run(started -> assertThat(started)
                .hasFailed().getFailure().hasStackTraceContaining("serve-mode"));
        configured("chat.storage.s3.bucket=Not_A_Valid_Bucket").run(started -> assertThat(started)
                .hasFailed().getFailure().hasStackTraceContaining("chat.storage.s3.bucket must be"));
        configured("chat.storage.s3.endpoint=minio:9000").run(started -> assertThat(started)
                .hasFailed().getFailure().hasStackTraceContaining("chat.storage.s3.endpoint"));
    }

    @Test
    void refusesToStartWhenTheBucketCannotBeCreated() {
        configured("chat.storage.s3.secret-key=not-the-secret").run(started -> assertThat(started)
                .hasFailed().getFailure().hasStackTraceContaining("chat.storage.s3.bucket: cannot use or create"));
    }
}
