package org.chatserver.adapter.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.ObjectMapper;

/**
 * Uploads by a signed-in user over real HTTP, with a multipart body written by hand, byte for byte, for what only a
 * real servlet container does with them (its size limit, its parsing of the part's headers). A subclass starts the
 * server on a random port ({@code @SpringBootTest(webEnvironment = RANDOM_PORT)}).
 */
abstract class RealHttpUploadTestSupport extends ChatHttpTestSupport {

    private static final String BOUNDARY = "chat-server-test-boundary";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    String token;

    @BeforeEach
    void signedIn() {
        token = tokenOf(chat.register("alice"));
    }

    /** {@code fileName} goes into the part's {@code Content-Disposition} as it is, in UTF-8, between quotes. */
    HttpResponse<String> uploadOverHttp(String fileName, String type, byte[] content)
            throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/upload-file"))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> jsonOf(HttpResponse<String> response) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new ObjectMapper().readValue(response.body(), Map.class);
        return body;
    }
}
