package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.chatserver.adapter.websocket.ChatClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Upload a file, point a chat message at it, download it: the same story on every storage
 * adapter. Subclasses pick the store.
 */
abstract class FileFlowContract {

    @LocalServerPort
    int port;

    HttpTestClient http;

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    @Test
    void uploadThenMessageThenDownload() {
        String alice = signUp("alice");
        String bob = signUp("bob");
        String room = "files-" + UUID.randomUUID().toString().substring(0, 8);
        http.post("/api/rooms", "{\"name\":\"" + room + "\"}", alice);
        byte[] png = png(640, 480);

        var uploaded = http.upload("/api/upload-file", "file", "holiday photo.png", "image/png", png, alice);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        JsonNode file = uploaded.json();
        String url = file.path("file_url").asString();
        String preview = file.path("preview_url").asString();
        assertThat(url).matches("/api/files/[0-9a-f-]{36}\\.png");
        assertThat(file.path("filename").asString()).isEqualTo(url.substring("/api/files/".length()));
        assertThat(file.path("file_size").asLong()).isEqualTo(png.length);
        assertThat(file.path("mime_type").asString()).isEqualTo("image/png");
        assertThat(file.path("message").asString()).isEqualTo("File uploaded successfully");

        try (ChatClient a = ChatClient.connect(ws(room, alice)); ChatClient b = ChatClient.connect(ws(room, bob))) {
            a.next("connected");
            b.next("connected");
            // the app sends the absolute URL it built from the relative one
            a.send(Map.of("type", "message", "content", "look", "message_type", "text_with_image",
                    "file_url", http.baseUrl() + url, "file_name", "holiday photo.png",
                    "file_size", png.length, "mime_type", "image/png"));
            a.next("ack");
            assertThat(b.next("message")).containsEntry("file_url", url).containsEntry("mime_type", "image/png")
                    .containsEntry("message_type", "text_with_image").containsEntry("file_size", png.length)
                    .containsEntry("preview_url", preview);

            a.send(Map.of("type", "message", "content", "x", "file_url", "/api/files/" + UUID.randomUUID() + ".png"));
            assertThat((String) a.next("error").get("message")).contains("uploaded to this server");
        }

        HttpResponse<byte[]> download = http.download(url);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(png);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");

        HttpResponse<byte[]> part = http.download(url, "Range", "bytes=0-7");
        assertThat(part.body()).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');

        JsonNode history = http.get("/api/messages/" + roomId(room, bob), bob).json();
        assertThat(history.get(0).path("file_url").asString()).isEqualTo(url);
        assertThat(history.get(0).path("preview_url").asString()).as("the image's preview, to show inline")
                .isEqualTo(preview).matches("/api/files/[0-9a-f-]{36}-preview\\.jpg");

        HttpResponse<byte[]> previewBytes = http.download(preview);
        assertThat(previewBytes.statusCode()).isEqualTo(200);
        assertThat(previewBytes.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/");
    }

    @Test
    void hostileFilesAreRefused() {
        String alice = signUp("mallory");

        var html = http.upload("/api/upload-file", "file", "cat.png", "image/png",
                "<html><script>alert(1)</script></html>".getBytes(), alice);
        assertThat(html.status()).isEqualTo(400);
        assertThat(html.text("detail")).contains("text/html");

        var notAnImage = http.upload("/api/upload-image", "file", "doc.pdf", "application/pdf",
                "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".getBytes(), alice);
        assertThat(notAnImage.status()).isEqualTo(400);
        assertThat(notAnImage.text("detail")).isEqualTo("File must be an image");

        var anonymous = http.upload("/api/upload-file", "file", "a.png", "image/png", png(10, 10), null);
        assertThat(anonymous.status()).isEqualTo(401);

        assertThat(http.download("/api/files/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
        assertThat(http.download("/api/files/" + UUID.randomUUID() + ".png").statusCode()).isEqualTo(404);
    }

    private long roomId(String name, String token) {
        for (JsonNode room : http.get("/api/rooms", token).json()) {
            if (room.path("name").asString().equals(name)) {
                return room.path("id").asLong();
            }
        }
        throw new AssertionError("no room " + name);
    }

    private String signUp(String prefix) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        return http.post("/api/auth/signup", AuthFlowContract.credentials(name, "correct horse"), null)
                .text("access_token");
    }

    private URI ws(String room, String token) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/chat/" + room + "?token=" + token);
    }

    static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
