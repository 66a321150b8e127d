package org.chatserver.bootstrap.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.chatserver.bootstrap.TestDataDirs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A peer that is not a configured proxy cannot choose the address its failures count against by
 * sending {@code X-Forwarded-For} (before: any private-range or loopback peer was believed, so an
 * attacker rotating the header escaped the address throttle).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class UntrustedForwardedForTest {

    @DynamicPropertySource
    static void onlyAnotherHostIsAProxy(DynamicPropertyRegistry registry) {
        Path dataDir = TestDataDirs.create("untrusted-forwarded-for-test-");
        registry.add("chat.data-dir", dataDir::toString);
        registry.add("chat.security.bcrypt-cost", () -> "4");
        registry.add("chat.auth.address-free-failures", () -> "3");
        registry.add("chat.http.trusted-proxies", () -> "192.0.2.1");
    }

    @LocalServerPort
    int port;

    @Test
    void aForgedForwardedForDoesNotEscapeTheAddressThrottle() {
        for (int i = 0; i < 3; i++) {
            assertThat(loginFrom("203.0.113." + i, "nobody" + i)).isEqualTo(401);
        }

        assertThat(loginFrom("203.0.113.99", "nobody99")).isEqualTo(429);
    }

    private int loginFrom(String forwardedFor, String name) {
        return HttpEdgeTest.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + name
                        + "\",\"password\":\"wrong password\"}")).build()).status();
    }
}
