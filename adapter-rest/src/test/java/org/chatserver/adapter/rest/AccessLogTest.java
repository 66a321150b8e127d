package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** {@code chat.access-log.enabled}: one INFO line per request, what an operator reads when reviewing an incident. */
@SpringBootTest(classes = RestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK,
        properties = "chat.access-log.enabled=true")
@AutoConfigureMockMvc
class AccessLogTest extends HttpTestSupport {

    private static final String ACCESS = "org.chatserver.access";

    @Autowired
    MockMvcTester mvc;

    @Test
    void aRequestIsOneLineWithItsMethodPathStatusTimeBytesIdAndUser() {
        String token = (String) json(postJson(mvc, "/api/auth/signup", credentials("logged" + UUID.randomUUID().toString().substring(0, 8), "correct horse")))
                .get("access_token");
        Object userId = json(getWithToken(mvc, "/api/auth/me", token)).get("id");
        try (LogLines log = new LogLines(ACCESS)) {
            MvcTestResult result = mvc.get().uri("/api/rooms?token=" + token + "&limit=5")
                    .header("Authorization", "Bearer " + token).header("X-Request-Id", "incident-1").exchange();

            assertThat(status(result)).isEqualTo(200);
            List<ILoggingEvent> lines = log.lines();
            assertThat(lines).hasSize(1);
            ILoggingEvent line = lines.getFirst();
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).matches("GET /api/rooms 200 \\d+ms bytes="
                    + result.getResponse().getContentAsByteArray().length + " request=incident-1 user=" + userId);
            assertThat(line.getMDCPropertyMap()).containsEntry("http.request.id", "incident-1");
            // the query string is left out: WebSocket clients send their token there
            assertThat(line.getFormattedMessage()).doesNotContain(token).doesNotContain("limit");
        }
    }

    @Test
    void refusalsBeforeAnyHandlerAreLoggedWithTheirStatus() {
        try (LogLines log = new LogLines(ACCESS)) {
            mvc.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"username\":\"" + "a".repeat(70_000) + "\"}").exchange();
            mvc.post().uri("/api/auth/login").contentType(MediaType.TEXT_PLAIN).content("hello").exchange();
            mvc.get().uri(URI.create("/api/rooms?limit=%ff")).exchange();

            assertThat(log.lines()).extracting(ILoggingEvent::getFormattedMessage).satisfiesExactly(
                    tooLarge -> assertThat(tooLarge).startsWith("POST /api/auth/login 413 ").endsWith(" user=-"),
                    notJson -> assertThat(notJson).startsWith("POST /api/auth/login 415 "),
                    badQuery -> assertThat(badQuery).startsWith("GET /api/rooms 400 "));
        }
    }

    /** Load balancers ask every few seconds: their lines would be most of the log and say nothing. */
    @Test
    void theProbesAreLeftOut() {
        try (LogLines log = new LogLines(ACCESS)) {
            assertThat(status(mvc.get().uri("/health").exchange())).isEqualTo(200);

            assertThat(log.lines()).isEmpty();
        }
    }
}
