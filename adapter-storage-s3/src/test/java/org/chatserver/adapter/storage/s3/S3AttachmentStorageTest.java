package org.chatserver.adapter.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.chatserver.adapter.storage.s3.S3StorageProperties.ServeMode;
import org.chatserver.application.contract.AttachmentStorageContract;
import org.chatserver.application.port.out.attachment.AttachmentStorage;
import org.chatserver.application.port.out.attachment.AttachmentStorageException;
import org.chatserver.application.port.out.attachment.StorageKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a real S3-protocol server (see {@link TestS3Server}). */
class S3AttachmentStorageTest extends AttachmentStorageContract {

    private static final TestS3Server SERVER = TestS3Server.get();
    private static S3AttachmentStorage storage;
    private static S3AttachmentStorage redirecting;

    @BeforeAll
    static void createBuckets() {
        storage = S3StorageConfiguration.createStorage(SERVER.properties(ServeMode.STREAM, Duration.ofMinutes(5)));
        redirecting = S3StorageConfiguration.createStorage(SERVER.properties(ServeMode.REDIRECT, Duration.ofMinutes(2)));
    }

    @AfterAll
    static void closeClients() {
        storage.close();
        redirecting.close();
    }

    @Override
    protected AttachmentStorage storage() {
        return storage;
    }

    @Test
    void streamModeHandsOutNoUrls() {
        StorageKey key = freshKey(".png");
        store(key, ascending(3));

        assertThat(storage.presignedDownload(key, "image/png", "inline")).isEmpty();
    }

    @Test
    void redirectModeHandsOutAUrlServingTheBytesWithTheChosenHeaders() throws Exception {
        StorageKey key = freshKey(".png");
        byte[] bytes = ascending(1000);
        redirecting.store(key, new ByteArrayInputStream(bytes), bytes.length, "application/octet-stream");

        URI url = redirecting.presignedDownload(key, "image/png", "attachment; filename=\"cat.png\"").orElseThrow();
        HttpResponse<byte[]> response = fetch(url);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(response.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"cat.png\"");
        assertThat(url.getQuery()).contains("X-Amz-Expires=120");
    }

    /**
     * What the server streams for a text file with a non-ASCII name: a charset parameter, quotes,
     * an RFC 8187 {@code filename*} with percent signs all survive the trip through the signed
     * query string.
     */
    @Test
    void theOverridesArriveExactlyAsTheStreamedHeadersWouldRead() throws Exception {
        StorageKey key = freshKey(".txt");
        redirecting.store(key, new ByteArrayInputStream(ascending(10)), 10, "text/plain");
        String type = "text/plain; charset=utf-8";
        String disposition = "attachment; filename=\"" + key.value() + "\"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%28final%29.txt";

        HttpResponse<byte[]> response = fetch(redirecting.presignedDownload(key, type, disposition).orElseThrow());

        assertThat(response.statusCode()).isEqualTo(200);
        // S3Proxy's Jetty writes "text/plain;charset=utf-8": the same media type, without the optional space
        assertThat(response.headers().allValues("Content-Type")).singleElement()
                .satisfies(served -> assertThat(served.replace("; ", ";")).isEqualTo(type.replace("; ", ";")));
        assertThat(response.headers().allValues("Content-Disposition")).containsExactly(disposition);
    }

    @Test
    void aTamperedUrlIsRefused() throws Exception {
        StorageKey key = freshKey(".png");
        redirecting.store(key, new ByteArrayInputStream(ascending(10)), 10, "image/png");
        URI url = redirecting.presignedDownload(key, "image/png", "inline").orElseThrow();
        URI tampered = URI.create(url.toString().replace("response-content-type=image%2Fpng",
                "response-content-type=text%2Fhtml"));

        assertThat(tampered).isNotEqualTo(url);
        assertThat(fetch(tampered).statusCode()).isEqualTo(403);
    }

    private static HttpResponse<byte[]> fetch(URI url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    @Test
    void aMissingBucketIsAClearFailureNotAnEmptyStore() {
        S3StorageProperties properties = new S3StorageProperties(SERVER.endpoint, SERVER.region,
                TestS3Server.freshBucketName(), true, SERVER.accessKey, SERVER.secretKey, false,
                ServeMode.STREAM, Duration.ofMinutes(5));
        try (S3AttachmentStorage withoutBucket = S3StorageConfiguration.createStorage(properties)) {
            StorageKey key = freshKey(".txt");

            assertThatThrownBy(() -> withoutBucket.store(key, new ByteArrayInputStream(ascending(3)), 3, "text/plain"))
                    .isInstanceOf(AttachmentStorageException.class)
                    .hasMessageContaining(key.value());
        }
    }

    @Test
    void wrongCredentialsAreAClearFailure() {
        S3StorageProperties properties = new S3StorageProperties(SERVER.endpoint, SERVER.region,
                TestS3Server.freshBucketName(), true, SERVER.accessKey, "not-the-secret", false,
                ServeMode.STREAM, Duration.ofMinutes(5));
        try (S3AttachmentStorage wrong = S3StorageConfiguration.createStorage(properties)) {
            assertThatThrownBy(() -> wrong.stat(freshKey(".txt")))
                    .isInstanceOf(AttachmentStorageException.class);
        }
    }
}
