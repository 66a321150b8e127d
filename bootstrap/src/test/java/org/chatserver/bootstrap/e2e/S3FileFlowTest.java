package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.chatserver.adapter.storage.s3.TestS3Server;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Attachments in an S3-compatible store (S3Proxy in this JVM, or the server given with
 * {@code -Dchat.test.s3.endpoint}), served by redirecting to short-lived presigned URLs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class S3FileFlowTest extends FileFlowContract {

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        TestS3Server server = TestS3Server.get();
        registry.add("chat.data-dir", TestDataDirs.once("s3-file-flow-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
        registry.add("chat.storage.type", () -> "s3");
        registry.add("chat.storage.s3.endpoint", server.endpoint::toString);
        registry.add("chat.storage.s3.region", () -> server.region);
        registry.add("chat.storage.s3.bucket", TestS3Server::freshBucketName);
        registry.add("chat.storage.s3.path-style-access", () -> "true");
        registry.add("chat.storage.s3.access-key", () -> server.accessKey);
        registry.add("chat.storage.s3.secret-key", () -> server.secretKey);
        registry.add("chat.storage.s3.create-bucket", () -> "true");
        registry.add("chat.storage.s3.serve-mode", () -> "redirect");
    }

    /**
     * The store answers the presigned URL with the Content-Type and Content-Disposition this server
     * would stream the file with (see FileDownloadApiTest): the charset of plain text, the stored
     * name, the uploader's name for RFC 6266 clients. {@code nosniff} and the sandboxing CSP cannot
     * be asked of S3 (docs/operations.md).
     */
    @Test
    void downloadsAreRedirectedToAShortLivedUrlWithTheStreamedSafetyHeaders() throws Exception {
        String token = http.post("/api/auth/signup", AuthFlowContract.credentials(
                "s3user" + UUID.randomUUID().toString().substring(0, 8), "correct horse"), null).text("access_token");
        String url = http.upload("/api/upload-file", "file", "my notes.txt", "text/plain",
                "just some notes".getBytes(), token).text("file_url");
        String name = url.substring(url.lastIndexOf('/') + 1);

        HttpResponse<Void> redirect = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(http.baseUrl() + url)).GET().build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(TestS3Server.get().endpoint.toString()).contains("X-Amz-Signature");
        HttpResponse<byte[]> followed = http.download(location);
        assertThat(new String(followed.body())).isEqualTo("just some notes");
        // the in-process S3Proxy drops the optional space after ';'; the media type is the same
        assertThat(followed.headers().allValues("Content-Type")).singleElement()
                .satisfies(type -> assertThat(type.replace("; ", ";")).isEqualTo("text/plain;charset=utf-8"));
        assertThat(followed.headers().allValues("Content-Disposition"))
                .containsExactly("attachment; filename=\"" + name + "\"; filename*=UTF-8''my%20notes.txt");
    }
}
