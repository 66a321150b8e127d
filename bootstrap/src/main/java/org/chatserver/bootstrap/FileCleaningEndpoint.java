package org.chatserver.bootstrap;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase.Cleaned;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase.Outcome;
import org.chatserver.application.port.in.attachment.CleanStoredFilesUseCase.Page;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@code /actuator/filecleaning} on the management port: an operator removes the metadata of files stored before
 * this server cleaned uploads ({@link CleanStoredFilesUseCase}). {@code POST} starts a run in the background, from
 * the first upload or after the one named by {@code after}; {@code GET} tells how far it is. One run at a time per
 * node; a run stops with the node and goes on from its last name when started again with it.
 */
@Endpoint(id = "filecleaning", defaultAccess = Access.UNRESTRICTED)
final class FileCleaningEndpoint implements DisposableBean {

    static final int PAGE = 100;
    private static final int STATUS_CONFLICT = 409;
    /** The failures a report lists by name; the rest are counted. */
    static final int LISTED_FAILURES = 20;

    private static final Logger log = LoggerFactory.getLogger(FileCleaningEndpoint.class);

    private final CleanStoredFilesUseCase clean;
    private final Clock clock;
    private Run run;
    private Thread worker;

    FileCleaningEndpoint(CleanStoredFilesUseCase clean, Clock clock) {
        this.clean = Objects.requireNonNull(clean, "clean");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @ReadOperation
    synchronized Map<String, Object> report() {
        return run == null ? Map.of("state", "never_run") : run.report();
    }

    /** Starts a run; 409 with the current report while one is running. */
    @WriteOperation
    synchronized WebEndpointResponse<Map<String, Object>> start(@Nullable String after) {
        if (run != null && run.state.equals("running")) {
            return new WebEndpointResponse<>(run.report(), STATUS_CONFLICT);
        }
        Run started = new Run(after == null || after.isBlank() ? null : after, clock.instant());
        run = started;
        worker = Thread.ofVirtual().name("file-cleaning").start(() -> work(started));
        log.info("Cleaning stored files of their metadata, {}", started.after == null ? "from the first upload"
                : "after " + started.after);
        return new WebEndpointResponse<>(started.report(), WebEndpointResponse.STATUS_OK);
    }

    private void work(Run current) {
        String after = current.after;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Page page = clean.cleanAfter(after, PAGE);
                if (page.files().isEmpty()) {
                    break;
                }
                synchronized (this) {
                    page.files().forEach(current::count);
                }
                after = page.last();
            }
            finish(current, Thread.currentThread().isInterrupted() ? "stopped" : "done", null);
        } catch (RuntimeException e) {
            finish(current, "failed", e.getMessage());
            log.warn("Cleaning stored files stopped after {}: {}", current.last, e.toString());
        }
    }

    private synchronized void finish(Run current, String state, String problem) {
        current.state = state;
        current.problem = problem;
        current.finishedAt = clock.instant();
        log.info("Cleaning stored files {}: {} examined, {} rewritten, {} unchanged, {} missing, {} failed, {} bytes "
                + "removed, last {}", state, current.examined, current.counts.get(Outcome.REWRITTEN),
                current.counts.get(Outcome.UNCHANGED), current.counts.get(Outcome.MISSING),
                current.counts.get(Outcome.FAILED), current.bytesRemoved, current.last);
    }

    @Override
    public void destroy() throws InterruptedException {
        Thread running;
        synchronized (this) {
            running = worker;
        }
        if (running != null) {
            running.interrupt();
            running.join(10_000);
        }
    }

    private static final class Run {

        final String after;
        final Instant startedAt;
        final Map<Outcome, Long> counts = new java.util.EnumMap<>(Outcome.class);
        final List<Map<String, String>> failures = new ArrayList<>();
        String state = "running";
        String problem;
        Instant finishedAt;
        long examined;
        long bytesRemoved;
        String last;

        Run(String after, Instant startedAt) {
            this.after = after;
            this.startedAt = startedAt;
            for (Outcome outcome : Outcome.values()) {
                counts.put(outcome, 0L);
            }
        }

        void count(Cleaned file) {
            examined++;
            counts.merge(file.outcome(), 1L, Long::sum);
            bytesRemoved += file.sizeBefore() - file.sizeAfter();
            last = file.name();
            if (file.outcome() == Outcome.FAILED) {
                log.warn("Stored file {} was left as it was: {}", file.name(), file.problem());
                if (failures.size() < LISTED_FAILURES) {
                    failures.add(Map.of("name", file.name(), "problem", String.valueOf(file.problem())));
                }
            }
        }

        Map<String, Object> report() {
            Map<String, Object> report = new java.util.LinkedHashMap<>();
            report.put("state", state);
            report.put("started_at", startedAt.toString());
            report.put("finished_at", finishedAt == null ? null : finishedAt.toString());
            report.put("after", after);
            report.put("examined", examined);
            report.put("rewritten", counts.get(Outcome.REWRITTEN));
            report.put("unchanged", counts.get(Outcome.UNCHANGED));
            report.put("missing", counts.get(Outcome.MISSING));
            report.put("failed", counts.get(Outcome.FAILED));
            report.put("bytes_removed", bytesRemoved);
            report.put("last", last);
            report.put("failures", List.copyOf(failures));
            report.put("problem", problem);
            return report;
        }
    }
}
