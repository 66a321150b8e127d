package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An upload that no message carries is forgotten after {@code chat.uploads.unposted-retention}, file and all, while one
 * a message carries stays; and one user's uploads of a day are bounded ({@code chat.uploads.daily-quota}). Short
 * settings here; 24 hours and 1 GB by default.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UnpostedUploadsTest {

    @LocalServerPort
    int port;

    private HttpTestClient http;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("unposted-uploads-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
        registry.add("chat.uploads.unposted-retention", () -> "3s");
        registry.add("chat.uploads.unposted-sweep-interval", () -> "1s");
        registry.add("chat.uploads.daily-quota", () -> "100KB");
    }

    @BeforeEach
    void connect() {
        http = new HttpTestClient(port);
    }

    @Test
    void aFileUploadedAndNeverPostedIsForgottenWhileAPostedOneStays() throws InterruptedException {
        String alice = signUp("alice");
        String room = "files-" + UUID.randomUUID().toString().substring(0, 8);
        long roomId = http.post("/api/rooms", "{\"name\":\"" + room + "\"}", alice).json().path("id").asLong();
        String posted = upload(alice, "posted.txt");
        String abandoned = upload(alice, "abandoned.txt");
        var post = http.post("/api/rooms/" + roomId + "/messages", "{\"content\":\"notes\",\"file_url\":\"" + posted
                + "\"}", alice);
        assertThat(post.status()).as(post.body()).isEqualTo(200);

        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (http.download(abandoned).statusCode() == 200 && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }

        assertThat(http.download(abandoned).statusCode()).as("the abandoned upload, 30 s after").isEqualTo(404);
        assertThat(http.download(posted).statusCode()).as("the posted one, as old").isEqualTo(200);
        var late = http.post("/api/rooms/" + roomId + "/messages", "{\"content\":\"late\",\"file_url\":\"" + abandoned
                + "\"}", alice);
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.text("detail")).isEqualTo(
                "file_url: file_url must name a file you uploaded to this server, or one a message here already carries");
    }

    @Test
    void uploadsPastTheDailyQuotaAreRefusedWithWhenToTryAgain() {
        String bob = signUp("bob");
        byte[] sixty = "x".repeat(60 * 1024).getBytes();
        assertThat(http.upload("/api/upload-file", "file", "a.txt", "text/plain", sixty, bob).status()).isEqualTo(200);

        var refused = http.upload("/api/upload-file", "file", "b.txt", "text/plain", sixty, bob);

        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.text("detail")).startsWith("Upload quota reached: you uploaded 60KB in the last 24 hours, "
                + "and this server takes at most 100KB a day from each user; try again after ");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(86_000L, 86_400L);
        assertThat(http.upload("/api/upload-file", "file", "c.txt", "text/plain", sixty, signUp("carol")).status())
                .as("another user's").isEqualTo(200);
    }

    private String upload(String token, String name) {
        var uploaded = http.upload("/api/upload-file", "file", name, "text/plain", ("notes of " + name).getBytes(),
                token);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        return uploaded.text("file_url");
    }

    private String signUp(String prefix) {
        String name = prefix + UUID.randomUUID().toString().substring(0, 8);
        return http.post("/api/auth/signup", AuthFlowContract.credentials(name, "correct horse"), null)
                .text("access_token");
    }
}
