package org.chatserver.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** An outage is told to the operator once per interval, and every request refused in it is counted in a report. */
@ExtendWith(OutputCaptureExtension.class)
class OutageExceptionResolverTest {

    private static final Exception DATABASE_DOWN = new IllegalStateException("Failed to obtain JDBC Connection",
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"));

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final List<Runnable> scheduled = new ArrayList<>();
    private final OutageExceptionResolver resolver = new OutageExceptionResolver(
            new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            },
            (delay, task) -> scheduled.add(task));

    @Test
    void requestsRefusedAfterTheFirstReportAreReportedWhenItsIntervalEndsThoughNoneFollows(CapturedOutput output) {
        refuse("GET", "/api/rooms");
        now = now.plusSeconds(1);
        refuse("GET", "/ws/user");
        refuse("POST", "/api/auth/signup");

        assertThat(reports(output)).as("reports right after the refusals").containsExactly(
                "database unavailable: answered 503 to 1 request(s) since the last report, the latest GET /api/rooms");
        // the database is back: no request is refused after these, and the interval ends
        now = now.plus(OutageExceptionResolver.LOG_INTERVAL);
        assertThat(scheduled).as("reports waiting for the interval's end").hasSize(1);
        scheduled.forEach(Runnable::run);

        assertThat(reports(output)).as("reports once the interval ended").containsExactly(
                "database unavailable: answered 503 to 1 request(s) since the last report, the latest GET /api/rooms",
                "database unavailable: answered 503 to 2 request(s) since the last report, the latest POST /api/auth/signup");
    }

    @Test
    void anIntervalWithNothingLeftToTellReportsNothingMore(CapturedOutput output) {
        refuse("GET", "/api/rooms");
        refuse("GET", "/api/rooms/1/messages");
        now = now.plus(OutageExceptionResolver.LOG_INTERVAL);
        refuse("GET", "/api/rooms/2/messages");
        scheduled.forEach(Runnable::run);

        assertThat(reports(output)).extracting(line -> line.replaceFirst(".*answered 503 to (\\d+).*", "$1"))
                .as("requests counted in each report").containsExactly("1", "2");
    }

    private void refuse(String method, String path) {
        MockHttpServletResponse response = new MockHttpServletResponse();
        resolver.resolveException(new MockHttpServletRequest(method, path), response, null, DATABASE_DOWN);
        assertThat(response.getStatus()).isEqualTo(503);
    }

    /** The report lines, from "database" up to the request (the cause after it is the pool's words). */
    private static List<String> reports(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains("since the last report"))
                .map(line -> line.substring(line.indexOf("database unavailable")).replaceFirst("(.*/[a-z/0-9]+): .*", "$1"))
                .toList();
    }
}
