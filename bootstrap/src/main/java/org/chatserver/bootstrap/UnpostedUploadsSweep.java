package org.chatserver.bootstrap;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.chatserver.application.port.in.attachment.ForgetUnpostedUploadsUseCase;
import org.chatserver.application.port.in.attachment.ForgetUnpostedUploadsUseCase.Forgotten;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sweep of uploads no message carried ({@code chat.uploads.unposted-retention}) on a thread of its own, every
 * {@code chat.uploads.unposted-sweep-interval}, the first a minute after start (or one interval, if shorter), so that
 * it adds nothing to the start. Every node sweeps: each upload is forgotten once, by whichever node gets to it first.
 * A failed run (the database or the store out of reach) is logged in one line and tried again at the next.
 */
public final class UnpostedUploadsSweep implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnpostedUploadsSweep.class);
    private static final Duration FIRST_RUN = Duration.ofMinutes(1);

    private final ForgetUnpostedUploadsUseCase sweep;
    private final Duration retention;
    private final ScheduledExecutorService thread;
    private final LongAdder forgotten = new LongAdder();

    /** @param sweep null: uploads are kept for good, nothing runs */
    UnpostedUploadsSweep(ForgetUnpostedUploadsUseCase sweep, Duration retention, Duration interval) {
        this.sweep = sweep;
        this.retention = retention;
        if (sweep == null) {
            thread = null;
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("unposted-uploads-sweep")
                .daemon(true).factory());
        long first = Math.min(FIRST_RUN.toMillis(), interval.toMillis());
        thread.scheduleWithFixedDelay(this::run, first, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Uploads and previews this node forgot since it started. */
    public long forgottenFiles() {
        return forgotten.sum();
    }

    private void run() {
        try {
            Forgotten run = sweep.forgetUnposted();
            forgotten.add(run.files());
            if (run.files() > 0) {
                LOG.info("Forgot {} upload(s) ({} bytes) that no message carried within {} of their upload",
                        run.files(), run.bytes(), written(retention));
            }
            if (run.notRemoved() > 0) {
                LOG.warn("The file store did not remove {} of the forgotten uploads' files; nothing points at them "
                        + "any more, so they only take space (see docs/operations.md#unposted-uploads)", run.notRemoved());
            }
        } catch (RuntimeException e) {
            LOG.warn("The sweep of unposted uploads failed and runs again at its next interval: {}", e.toString());
        }
    }

    /** As the setting is usually written: 24h, 90m, 30s. */
    private static String written(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds % 3600 == 0 ? seconds / 3600 + "h" : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
