package org.chatserver.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * A room with many messages: is the newest page as fast as a page deep in the past? Fills the
 * room first (closed loop over a few connections) unless told to reuse a filled one.
 */
public final class HistoryScenario implements Scenario {

    private final RunContext ctx;
    private final long fill;
    private final int fillConnections;
    private final int fillWindow;
    private final Duration fillMax;
    private final String roomName;
    private final int samples;
    private final int pageSize;
    private final double deepFraction;

    public HistoryScenario(RunContext ctx) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.fill = o.number("fill", 1_000_000, 0, 100_000_000);
        // every fill connection also receives every message of the others: few connections, deep windows
        this.fillConnections = o.integer("fill-connections", 2, 1, 1_000);
        this.fillWindow = o.integer("fill-window", 64, 1, 10_000);
        this.fillMax = o.seconds("fill-max-seconds", 3_600, 1, 86_400);
        this.roomName = o.string("room-name", ctx.roomName("history", 0));
        this.samples = o.integer("samples", 1_000, 1, 10_000_000);
        this.pageSize = o.integer("limit", 50, 1, 10_000);
        this.deepFraction = Double.parseDouble(o.string("deep-fraction", "0.1"));
        if (!(deepFraction >= 0 && deepFraction < 1)) {
            throw new Options.UsageException("--deep-fraction must be at least 0 and below 1 (0.1: 10% into the room's history)");
        }
    }

    @Override
    public Outcome run() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> tokens = Population.signUp(ctx, fillConnections + 1, 8);
        String token = tokens.get(0);
        long room = ctx.http().createOrFindRoom(token, roomName);
        m.put("room_id", room);
        m.put("room_name", roomName);
        if (fill > 0) {
            try (RoomLoad load = new RoomLoad(ctx, room, fillConnections + 1)) {
                load.setUp(tokens);
                m.put("acks_supported", load.acks());
                ctx.say("filling room %s with %d messages over %d connections (window %d each)...", roomName, fill,
                        fillConnections, fillWindow);
                StepResult filled = load.closedLoop("fill", fillConnections, fillWindow, fillMax, fill);
                m.put("fill_sent", filled.sent());
                m.put("fill_acked", filled.acked());
                m.put("fill_seconds", filled.durationSeconds());
                m.put("fill_messages_per_second", load.acks() ? filled.ackedPerSecond() : filled.offeredPerSecond());
                m.put("fill_errors", filled.errors());
                if (filled.sent() < fill) {
                    ctx.note("the fill stopped at " + filled.sent() + " of " + fill + " messages (--fill-max-seconds);"
                            + " our server limits each connection to 20 frames/s unless started with"
                            + " --chat.websocket.frames-per-second=100000 --chat.websocket.frame-burst=100000");
                }
            }
        } else {
            ctx.note("no fill (--fill=0): measuring room " + roomName + " as it is");
        }
        List<JsonNode> newest = ctx.http().messages(token, room, "?limit=" + pageSize);
        // ids start at 1 and are positive: "after 1" is the room's oldest message but at most one
        List<JsonNode> oldest = ctx.http().messages(token, room, "?after=1&limit=1");
        if (newest.isEmpty() || oldest.isEmpty()) {
            throw new Population.SetupException("room " + roomName + " has no messages to page through", null);
        }
        long first = oldest.get(0).path("message_id").asLong();
        long last = newest.get(newest.size() - 1).path("message_id").asLong();
        long deep = first + (long) ((last - first) * deepFraction);
        m.put("oldest_message_id", first);
        m.put("newest_message_id", last);
        m.put("deep_before_id", deep);

        String newestPath = "/api/messages/" + room + "?limit=" + pageSize;
        String deepPath = "/api/messages/" + room + "?before=" + deep + "&limit=" + pageSize;
        Histogram newestTimes = LatencySummary.newHistogram();
        Histogram deepTimes = LatencySummary.newHistogram();
        int[] failures = new int[2];
        long start = System.nanoTime();
        var progress = ctx.progress(() -> String.format(java.util.Locale.ROOT, "[history] %d of %d samples",
                newestTimes.getTotalCount(), samples));
        try {
            // alternate, so both pages see the same server state (caches, GC, compaction)
            for (int i = 0; i < samples; i++) {
                sample(newestPath, token, newestTimes, failures, 0);
                sample(deepPath, token, deepTimes, failures, 1);
            }
        } finally {
            progress.cancel(false);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<StepResult> steps = new ArrayList<>();
        steps.add(StepResult.measurement("newest page", seconds / 2, LatencySummary.of(newestTimes), failures[0],
                Map.of("path", newestPath)));
        steps.add(StepResult.measurement("deep page", seconds / 2, LatencySummary.of(deepTimes), failures[1],
                Map.of("path", deepPath)));
        for (StepResult s : steps) {
            ctx.say("[%s] p50=%.2fms p99=%.2fms max=%.2fms failures=%d", s.label(), s.latency().p50Ms(),
                    s.latency().p99Ms(), s.latency().maxMs(), s.errors());
        }
        return new Outcome(steps, m);
    }

    private void sample(String path, String token, Histogram times, int[] failures, int which) throws Exception {
        ChatHttp.Timed timed = ctx.http().timedGet(path, token);
        if (timed.status() != 200) {
            failures[which]++;
            ctx.ledger().error("GET answered " + timed.status());
            return;
        }
        times.recordValue(LatencySummary.clampMicros(timed.nanos()));
    }
}
