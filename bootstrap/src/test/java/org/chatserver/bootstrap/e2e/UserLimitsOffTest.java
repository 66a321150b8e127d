package org.chatserver.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A rate of 0 turns a per-user limit off: well past the default bursts (50 posts, 20 rooms), nothing is refused. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UserLimitsOffTest {

    @DynamicPropertySource
    static void limitsOff(DynamicPropertyRegistry registry) {
        registry.add("chat.data-dir", TestDataDirs.once("user-limits-off-test-"));
        registry.add("chat.security.bcrypt-cost", () -> "4");
        registry.add("chat.limits.rest-posts-per-second", () -> "0");
        registry.add("chat.limits.rooms-per-hour", () -> "0");
    }

    @LocalServerPort
    int port;

    @Test
    void postsAndRoomsPastTheDefaultBurstsAreAllTaken() {
        HttpTestClient http = new HttpTestClient(port);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String token = http.post("/api/auth/signup", AuthFlowContract.credentials("bot" + suffix, "correct horse"),
                null).text("access_token");
        long room = 0;
        for (int i = 0; i < 25; i++) {
            var created = http.post("/api/rooms", "{\"name\":\"off-" + suffix + "-" + i + "\"}", token);
            assertThat(created.status()).as("room %d: %s", i, created.body()).isEqualTo(200);
            room = created.json().get("id").asLong();
        }
        for (int i = 0; i < 60; i++) {
            var posted = http.post("/api/rooms/" + room + "/messages", "{\"content\":\"m" + i + "\"}", token);
            assertThat(posted.status()).as("post %d: %s", i, posted.body()).isEqualTo(200);
        }
    }
}
