package org.chatserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase.Cleaned;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase.Outcome;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase.Page;
import org.junit.jupiter.api.Test;

/** What an operator sees of a cleaning run on the management port, and that runs do not overlap. */
class FileCleaningEndpointTest {

    private final CountDownLatch released = new CountDownLatch(1);

    @Test
    void aSecondStartWhileARunGoesOnIsRefusedAndTheReportCountsEveryOutcome() throws Exception {
        CleanStoredFilesUseCase twoPages = (after, limit) -> {
            await(released);
            return switch (after == null ? "" : after) {
                case "" -> new Page(List.of(new Cleaned("a.jpg", Outcome.REWRITTEN, 1_000, 600, null),
                        new Cleaned("b.pdf", Outcome.UNCHANGED, 50, 50, null)));
                case "b.pdf" -> new Page(List.of(new Cleaned("c.mp3", Outcome.FAILED, 70, 70, "the disk is full"),
                        new Cleaned("d.jpg", Outcome.MISSING, 0, 0, null)));
                default -> new Page(List.of());
            };
        };
        FileCleaningEndpoint endpoint = new FileCleaningEndpoint(twoPages, Clock.systemUTC());

        assertThat(endpoint.report()).containsEntry("state", "never_run");
        assertThat(endpoint.start(null).getStatus()).isEqualTo(200);
        var again = endpoint.start("x.jpg");
        assertThat(again.getStatus()).as("a start while running").isEqualTo(409);
        assertThat(again.getBody()).containsEntry("state", "running").containsEntry("after", null);
        released.countDown();

        Map<String, Object> report = untilFinished(endpoint);
        assertThat(report).containsEntry("state", "done").containsEntry("examined", 4L)
                .containsEntry("rewritten", 1L).containsEntry("unchanged", 1L).containsEntry("failed", 1L)
                .containsEntry("missing", 1L).containsEntry("bytes_removed", 400L).containsEntry("last", "d.jpg")
                .containsEntry("failures", List.of(Map.of("name", "c.mp3", "problem", "the disk is full")));
        assertThat(endpoint.start("b.pdf").getBody()).as("going on after a name").containsEntry("after", "b.pdf");
        assertThat(untilFinished(endpoint)).containsEntry("examined", 2L).containsEntry("last", "d.jpg");
    }

    @Test
    void aRunThatCannotGoOnSaysWhyAndWhereItStopped() throws Exception {
        CleanStoredFilesUseCase failing = (after, limit) -> {
            if (after == null) {
                return new Page(List.of(new Cleaned("a.jpg", Outcome.UNCHANGED, 10, 10, null)));
            }
            throw new IllegalStateException("The database is unavailable");
        };
        FileCleaningEndpoint endpoint = new FileCleaningEndpoint(failing, Clock.systemUTC());

        endpoint.start(null);

        assertThat(untilFinished(endpoint)).containsEntry("state", "failed")
                .containsEntry("problem", "The database is unavailable").containsEntry("last", "a.jpg");
    }

    private static Map<String, Object> untilFinished(FileCleaningEndpoint endpoint) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Map<String, Object> report = endpoint.report();
        while (report.get("state").equals("running") && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
            report = endpoint.report();
        }
        return report;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
