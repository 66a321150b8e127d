package org.chatserver.loadgen;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * Images whose headers announce far more than their bytes (issue 8): do uploads of them slow down chat
 * for everyone else? A modest fan-out load runs first alone, then while {@code --uploaders} threads
 * upload hostile images to {@code /api/upload-image} as fast as the server answers, cycling through the
 * issue's three files and the costliest images a hardened server still decodes ({@link HostileImages};
 * {@code --images=issue} or {@code limits} for one of the two sets).
 * {@code /health} is timed throughout, as the issue measured it.
 */
public final class ImagesScenario implements Scenario {

    private final RunContext ctx;
    private final int uploaders;
    private final long uplinkBytesPerSecond;
    private final String set;
    private final BackgroundChat chat;

    public ImagesScenario(RunContext ctx) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.uploaders = o.integer("uploaders", 4, 1, 1000);
        // each uploader's uplink in Mbit/s; 0 sends as fast as loopback takes it
        this.uplinkBytesPerSecond = o.number("uplink-mbit", 0, 0, 100_000) * 1_000_000 / 8;
        this.set = o.string("images", "all");
        if (!List.of("all", "issue", "limits").contains(set)) {
            throw new Options.UsageException("--images must be all, issue or limits, was " + set);
        }
        this.chat = BackgroundChat.from(o);
    }

    @Override
    public Outcome run() throws Exception {
        List<HostileImages.Image> images = new ArrayList<>();
        if (!set.equals("limits")) {
            images.addAll(HostileImages.issue());
        }
        if (!set.equals("issue")) {
            images.addAll(HostileImages.atTheLimits());
        }
        List<String> tokens = Population.signUp(ctx, chat.members() + uploaders, 8);
        Map<String, Object> m = new LinkedHashMap<>();
        List<StepResult> steps = new ArrayList<>();
        int members = chat.members();
        try (RoomLoad load = new RoomLoad(ctx, chat.rooms(), members, "i")) {
            load.setUp(tokens.subList(0, members));
            m.put("acks_supported", load.acks());

            chat.warmUp(load).ifPresent(steps::add);
            HealthProbe quiet = HealthProbe.start(ctx);
            StepResult alone = chat.step(load, "without uploads");
            alone = alone.with("health", quiet.stop());
            steps.add(alone);

            Histogram uploadTimes = LatencySummary.newHistogram();
            Map<String, Long> answers = new TreeMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int k = 0; k < uploaders; k++) {
                String token = tokens.get(members + k);
                int first = k;
                threads.add(Thread.ofPlatform().name("loadgen-upload-" + k).daemon().start(() ->
                        uploadWhile(running, token, images, first, uploadTimes, answers)));
            }
            HealthProbe busy = HealthProbe.start(ctx);
            StepResult with = chat.step(load, "with " + uploaders + " hostile uploaders");
            running.set(false);
            LatencySummary health = busy.stop();
            for (Thread t : threads) {
                t.join();
            }
            LatencySummary uploadLatency;
            Map<String, Long> answered;
            synchronized (answers) {
                uploadLatency = LatencySummary.of(uploadTimes);
                answered = new TreeMap<>(answers);
            }
            with = with.with("uploads", uploadLatency.count()).with("upload_answers", answered)
                    .with("upload_latency", uploadLatency).with("health", health);
            steps.add(with);

            double p99Alone = alone.latency().p99Ms();
            double p99With = with.latency().p99Ms();
            double ratio = p99Alone > 0 ? Math.round(p99With / p99Alone * 100) / 100.0 : Double.NaN;
            m.put("message_p99_ms_without_uploads", p99Alone);
            m.put("message_p99_ms_with_uploads", p99With);
            m.put("message_p99_ratio", ratio);
            m.put("within_2x", ratio <= 2.0);
            m.put("health_p99_ms_without_uploads", ((LatencySummary) alone.extra().get("health")).p99Ms());
            m.put("health_p99_ms_with_uploads", health.p99Ms());
            m.put("health_max_ms_with_uploads", health.maxMs());
            m.put("upload_answers", answered);
            ctx.say("chat p99 %.1fms without uploads, %.1fms with %d hostile uploaders (x%.2f, target <= 2); "
                            + "/health p99 %.1fms, max %.1fms during uploads; %d uploads answered %s",
                    p99Alone, p99With, uploaders, ratio, health.p99Ms(), health.maxMs(), uploadLatency.count(), answered);
        }
        return new Outcome(steps, m);
    }

    private void uploadWhile(AtomicBoolean running, String token, List<HostileImages.Image> images, int first,
                             Histogram times, Map<String, Long> answers) {
        // paced bodies sleep between pieces: on a client of their own, never on the chat's callback threads
        ChatHttp uploads = uplinkBytesPerSecond > 0 ? ctx.separateHttp() : ctx.http();
        for (int i = first; running.get(); i++) {
            HostileImages.Image image = images.get(i % images.size());
            String answer;
            long nanos = -1;
            try {
                ChatHttp.TimedAnswer timed = uploads.timedUpload("/api/upload-image", image.name(),
                        image.contentType(), image.bytes(), token, uplinkBytesPerSecond);
                nanos = timed.nanos();
                answer = Integer.toString(timed.status());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                answer = e.getClass().getSimpleName();
                ctx.ledger().error("upload failed: " + answer);
            }
            synchronized (answers) {
                answers.merge(image.name() + " " + answer, 1L, Long::sum);
                if (nanos >= 0) {
                    times.recordValue(LatencySummary.clampMicros(nanos));
                }
            }
        }
    }

    /** {@code GET /health} every 50 ms on a thread of its own, timed; the issue saw it stall for 10 s. */
    private static final class HealthProbe {

        private final Histogram times = LatencySummary.newHistogram();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private HealthProbe(RunContext ctx) {
            thread = Thread.ofPlatform().name("loadgen-health").daemon().start(() -> {
                while (running.get()) {
                    try {
                        ChatHttp.Timed timed = ctx.http().timedGet("/health", null);
                        synchronized (times) {
                            times.recordValue(LatencySummary.clampMicros(timed.nanos()));
                        }
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        ctx.ledger().error("health failed: " + e.getClass().getSimpleName());
                    }
                }
            });
        }

        static HealthProbe start(RunContext ctx) {
            return new HealthProbe(ctx);
        }

        LatencySummary stop() throws InterruptedException {
            running.set(false);
            thread.join();
            synchronized (times) {
                return LatencySummary.of(times);
            }
        }
    }
}
