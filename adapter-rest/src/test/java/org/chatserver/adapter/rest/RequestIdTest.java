package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import jakarta.servlet.RequestDispatcher;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Every answer names its request ({@code X-Request-Id}): the client's id when it is a well-formed token, else a new
 * one. A user who got a 500 finds it in the body, and the operator finds it on the fault's log line.
 */
@SpringBootTest(classes = RestTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
class RequestIdTest extends HttpTestSupport {

    private static final String HEADER = "X-Request-Id";
    private static final String WELL_FORMED = "[A-Za-z0-9._:-]{1,64}";

    @Autowired
    MockMvcTester mvc;

    @Test
    void everyAnswerNamesANewIdWhenTheClientGaveNone() {
        String first = header(mvc.get().uri("/health").exchange(), HEADER);
        String second = header(mvc.get().uri("/no/such/thing").exchange(), HEADER);

        assertThat(first).matches(WELL_FORMED);
        assertThat(second).matches(WELL_FORMED).isNotEqualTo(first);
    }

    @Test
    void aWellFormedIdFromTheClientOrItsProxyIsKept() {
        for (String given : new String[] {"3f2a9c1e-6b7d-4e8f-9a0b-1c2d3e4f5a6b", "req_42.a:b", "x".repeat(64)}) {
            assertThat(header(mvc.get().uri("/health").header(HEADER, given).exchange(), HEADER)).isEqualTo(given);
        }
    }

    /** Never echoed nor logged: it could be a forged log line, a script, or just too long. */
    @Test
    void anIdThatIsNoShortTokenIsReplacedByANewOne() {
        for (String given : new String[] {"<script>alert(1)</script>", "a b", "x".repeat(65), "id\nERROR forged",
                "ïd", ""}) {
            MvcTestResult result = mvc.get().uri("/health").header(HEADER, given).exchange();

            assertThat(header(result, HEADER)).as(given).matches(WELL_FORMED).isNotEqualTo(given);
        }
    }

    @Test
    void requestsRefusedBeforeAnyHandlerNameTheirIdToo() {
        MvcTestResult tooLarge = mvc.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .header(HEADER, "big-one").content("{\"username\":\"" + "a".repeat(70_000) + "\"}").exchange();
        MvcTestResult badQuery = mvc.get().uri(URI.create("/health?limit=%ff")).header(HEADER, "bad-query").exchange();

        assertThat(status(tooLarge)).isEqualTo(413);
        assertThat(header(tooLarge, HEADER)).isEqualTo("big-one");
        assertThat(status(badQuery)).isEqualTo(400);
        assertThat(header(badQuery, HEADER)).isEqualTo("bad-query");
    }

    @Test
    void aServerFaultsAnswerGivesTheIdItsLogLineCarries() {
        try (LogLines log = new LogLines(RestExceptionHandler.class.getName())) {
            MvcTestResult result = mvc.get().uri("/probe/quoted-fault").header(HEADER, "support-ticket-7").exchange();

            assertThat(status(result)).isEqualTo(500);
            assertThat(json(result)).containsEntry("detail", "Internal server error")
                    .containsEntry("request_id", "support-ticket-7");
            List<ILoggingEvent> faults = log.lines().stream().filter(line -> line.getLevel() == Level.ERROR).toList();
            assertThat(faults).hasSize(1);
            assertThat(faults.getFirst().getMDCPropertyMap()).containsEntry("http.request.id", "support-ticket-7");
        }
    }

    /** A fault outside Spring MVC (a filter failing) is answered by the container's forward to {@code /error}. */
    @Test
    void aServerFaultTheContainerAnswersGivesTheSameId() {
        // as the container forwards after the request was given its id
        MvcTestResult result = mvc.get().uri("/error").accept(MediaType.APPLICATION_JSON)
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/rooms")
                .requestAttr(RequestIdFilter.ATTRIBUTE, "forwarded-9")
                .exchange();

        assertThat(status(result)).isEqualTo(500);
        assertThat(json(result)).containsEntry("detail", "Internal server error")
                .containsEntry("request_id", "forwarded-9");
        assertThat(header(result, HEADER)).isEqualTo("forwarded-9");
    }

    /** Off unless configured (the production profile turns it on). */
    @Test
    void theAccessLogIsOffByDefault() {
        try (LogLines log = new LogLines("org.chatserver.access")) {
            mvc.get().uri("/no/such/thing").exchange();

            assertThat(log.lines()).isEmpty();
        }
    }

    /** The key is added for server faults only: a client's errors keep exactly the shape the clients know. */
    @Test
    void aClientErrorsAnswerKeepsItsShape() {
        assertThat(json(mvc.get().uri("/no/such/thing").exchange())).doesNotContainKey("request_id");
    }
}
