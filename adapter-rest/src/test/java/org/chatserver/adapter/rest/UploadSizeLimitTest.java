package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The servlet container cuts an upload off at the multipart limit before any controller sees it.
 * Only a real container does that, so this test talks HTTP to one, with a 1 KB limit.
 */
@SpringBootTest(classes = RestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.servlet.multipart.max-file-size=1KB", "spring.servlet.multipart.file-size-threshold=0"})
class UploadSizeLimitTest extends RealHttpUploadTestSupport {

    private static final int LIMIT = 1024;

    @Test
    void aFileExactlyAtTheLimitIsTaken() throws Exception {
        HttpResponse<String> response = uploadText(LIMIT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(jsonOf(response)).containsEntry("file_size", LIMIT).containsEntry("mime_type", "text/plain");
    }

    @Test
    void aFileOneByteOverTheLimitIs400WithTheUseCasesWords() throws Exception {
        HttpResponse<String> response = uploadText(LIMIT + 1);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(jsonOf(response)).containsEntry("detail", files.sizeLimitMessage());
        assertThat(files.sizeLimitMessage()).isEqualTo("File size must be less than 10MB");
    }

    private HttpResponse<String> uploadText(int size) throws Exception {
        return uploadOverHttp("notes.txt", "text/plain",
                "a".repeat(size).getBytes(StandardCharsets.US_ASCII));
    }
}
