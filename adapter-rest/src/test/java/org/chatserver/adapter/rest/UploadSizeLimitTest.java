package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

/**
 * The servlet container cuts an upload off at the multipart limit before any controller sees it.
 * Only a real container does that, so this test talks HTTP to one, with a 1 KB limit.
 */
@SpringBootTest(classes = RestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.servlet.multipart.max-file-size=1KB", "spring.servlet.multipart.file-size-threshold=0"})
class UploadSizeLimitTest extends ChatHttpTestSupport {

    private static final int LIMIT = 1024;
    private static final String BOUNDARY = "chat-server-test-boundary";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;

    @BeforeEach
    void signedIn() {
        token = tokenOf(chat.register("alice"));
    }

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
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes("a".repeat(size).getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/upload-file"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> jsonOf(HttpResponse<String> response) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new ObjectMapper().readValue(response.body(), Map.class);
        return body;
    }
}
