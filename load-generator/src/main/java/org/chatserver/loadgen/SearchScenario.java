package org.chatserver.loadgen;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Search over a large history (issue 12): seeds a corpus ({@link SearchCorpus}) over many rooms through
 * the WebSocket, then times {@code GET /api/search} for common words, rare words, two-character CJK words
 * and substrings, one and several at a time; then the posting speed with the index in place (the
 * write-ceiling loop). Optionally measures the index's size through the database's own command-line
 * tool ({@code --sqlite-file} or {@code --psql}): that is the one thing the wire cannot tell.
 */
public final class SearchScenario implements Scenario {

    private final RunContext ctx;
    private final long corpus;
    private final int roomCount;
    private final String roomPrefix;
    private final int fillConnections;
    private final int fillWindow;
    private final Duration fillMax;
    private final int samples;
    private final int limit;
    private final List<Integer> concurrencies;
    private final Duration writeSeconds;
    private final int writeSenders;
    private final String sqliteFile;
    private final String psql;

    public SearchScenario(RunContext ctx) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.corpus = o.number("corpus", 1_000_000, 0, 100_000_000);
        this.roomCount = o.integer("rooms", 100, 1, 10_000);
        this.roomPrefix = o.string("room-prefix", "search-corpus-");
        this.fillConnections = o.integer("fill-connections", 2, 1, 1_000);
        this.fillWindow = o.integer("fill-window", 64, 1, 10_000);
        this.fillMax = o.seconds("fill-max-seconds", 7_200, 1, 86_400);
        this.samples = o.integer("samples", 200, 1, 10_000_000);
        this.limit = o.integer("limit", 20, 1, 100);
        this.concurrencies = o.integers("concurrency", "1,4", 1_000);
        this.writeSeconds = o.seconds("write-seconds", 30, 0, 86_400);
        this.writeSenders = o.integer("write-senders", 50, 1, 10_000);
        this.sqliteFile = o.string("sqlite-file", "");
        this.psql = o.string("psql", "");
    }

    @Override
    public Outcome run() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        List<String> tokens = Population.signUp(ctx, Math.max(fillConnections + 1, writeSenders + 1), 8);
        List<Long> rooms = new ArrayList<>();
        for (int r = 0; r < roomCount; r++) {
            rooms.add(ctx.http().createOrFindRoom(tokens.get(0), roomPrefix + r));
        }
        m.put("rooms", roomCount);
        if (corpus > 0) {
            seed(rooms, tokens, m);
        } else {
            ctx.note("no seeding (--corpus=0): searching rooms " + roomPrefix + "0.. as they are");
        }

        List<StepResult> steps = new ArrayList<>();
        // a user of this run: it sees every public room, as a new member of the server would
        String searcher = tokens.get(0);
        for (int concurrency : concurrencies) {
            for (SearchCorpus.Kind kind : SearchCorpus.Kind.values()) {
                steps.add(measure(kind, concurrency, searcher));
            }
        }
        for (StepResult s : steps) {
            ctx.say("[%s] p50=%.2fms p99=%.2fms max=%.2fms mean results=%s failures=%d"
                            + " cpu ms/search: machine=%s server=%s tool=%s", s.label(),
                    s.latency().p50Ms(), s.latency().p99Ms(), s.latency().maxMs(), s.extra().get("mean_results"),
                    s.errors(), s.extra().getOrDefault("machine_cpu_ms_per_search", "n/a"),
                    s.extra().getOrDefault("server_cpu_ms_per_search", "n/a"),
                    s.extra().getOrDefault("tool_cpu_ms_per_search", "n/a"));
        }
        if (!writeSeconds.isZero()) {
            steps.add(writeCeiling(tokens, m));
        }
        indexSize(m);
        return new Outcome(steps, m);
    }

    /** Spreads the corpus over the rooms, room after room, each filled by a closed loop as history's fill is. */
    private void seed(List<Long> rooms, List<String> tokens, Map<String, Object> m) throws Exception {
        long perRoom = corpus / rooms.size();
        long start = System.nanoTime();
        long sent = 0;
        long errors = 0;
        ctx.say("seeding %d messages over %d rooms (%d each, %d connections x window %d)...", perRoom * rooms.size(),
                rooms.size(), perRoom, fillConnections, fillWindow);
        Duration left = fillMax;
        for (long room : rooms) {
            try (RoomLoad load = new RoomLoad(ctx, room, fillConnections + 1)) {
                load.setUp(tokens);
                m.put("acks_supported", load.acks());
                // the seq is unique within the run; a second seeding run writes other texts of the same mix
                load.textAfterPayload(SearchCorpus::text);
                long roomStart = System.nanoTime();
                StepResult filled = load.closedLoop("seed room " + room, fillConnections, fillWindow, left, perRoom);
                sent += filled.sent();
                errors += filled.errors();
                left = left.minusNanos(System.nanoTime() - roomStart);
                if (left.isNegative() || left.isZero()) {
                    ctx.note("seeding stopped at " + sent + " messages (--fill-max-seconds)");
                    break;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        m.put("seeded_messages", sent);
        m.put("seed_errors", errors);
        m.put("seed_seconds", seconds);
        m.put("seed_messages_per_second", sent / seconds);
        if (sent < corpus / 2) {
            ctx.note("only " + sent + " messages seeded; our server limits each connection to 20 frames/s unless"
                    + " started with --chat.websocket.frames-per-second=100000 --chat.websocket.frame-burst=100000");
        }
    }

    private StepResult measure(SearchCorpus.Kind kind, int concurrency, String token) throws Exception {
        Histogram times = LatencySummary.newHistogram();
        AtomicLong failures = new AtomicLong();
        AtomicLong results = new AtomicLong();
        AtomicLong next = new AtomicLong();
        double serverCpuBefore = ctx.serverCpuSeconds();
        CpuMeter.Sample cpuBefore = CpuMeter.now();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                SplittableRandom random = new SplittableRandom(31L * w + kind.ordinal());
                workers.add(pool.submit(() -> {
                    searchLoop(kind, random, token, next, times, failures, results);
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long answered = Math.max(1, times.getTotalCount());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("kind", kind.label());
        extra.put("concurrency", concurrency);
        extra.put("queries_per_second", times.getTotalCount() / seconds);
        extra.put("mean_results", String.format(Locale.ROOT, "%.1f", results.get() / (double) answered));
        extra.putAll(cpuPerSearch(cpuBefore, CpuMeter.now(), ctx.serverCpuSecondsSince(serverCpuBefore),
                times.getTotalCount()));
        return StepResult.measurement(kind.label() + " x" + concurrency, seconds, LatencySummary.of(times),
                failures.get(), extra);
    }

    /**
     * One worker: searches until {@code samples} are taken, over its own kept-alive connection (plain http) as a
     * client holds one, or through the shared HttpClient for https.
     */
    private void searchLoop(SearchCorpus.Kind kind, SplittableRandom random, String token, AtomicLong next,
            Histogram times, AtomicLong failures, AtomicLong results) throws IOException, InterruptedException {
        KeepAliveGets lean = KeepAliveGets.serves(ctx.baseUrl()) ? new KeepAliveGets(ctx.baseUrl(), ctx.httpTimeout())
                : null;
        try (lean) {
            for (long i = next.getAndIncrement(); i < samples; i = next.getAndIncrement()) {
                String query = kind.query(i, random);
                String path = "/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&limit=" + limit;
                ChatHttp.TimedBody answer = lean != null ? lean.get(path, token) : ctx.http().timedGetBody(path, token);
                if (answer.status() != 200) {
                    failures.incrementAndGet();
                    ctx.ledger().error("GET /api/search answered " + answer.status());
                    continue;
                }
                synchronized (times) {
                    times.recordValue(LatencySummary.clampMicros(answer.nanos()));
                }
                results.addAndGet(countResults(answer.body()));
            }
        }
    }

    /**
     * CPU per answered search in milliseconds: the machine's busy time, the server's (with {@code --server-pid})
     * and this tool's; what is left is the database and whatever else runs. On two cores shared by all three,
     * four searches at a time wait for each other's CPU, so these say where a search's time goes.
     */
    static Map<String, Object> cpuPerSearch(CpuMeter.Sample from, CpuMeter.Sample to, double serverCpuSeconds,
            long searches) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        if (searches <= 0) {
            return cpu;
        }
        if (from.machineBusyTicks() >= 0 && to.machineBusyTicks() >= 0) {
            // /proc/stat counts in USER_HZ ticks, 100 a second
            cpu.put("machine_cpu_ms_per_search", perSearch((to.machineBusyTicks() - from.machineBusyTicks()) / 100.0,
                    searches));
        }
        if (serverCpuSeconds >= 0) {
            cpu.put("server_cpu_ms_per_search", perSearch(serverCpuSeconds, searches));
        }
        if (from.processCpuNanos() >= 0 && to.processCpuNanos() >= 0) {
            cpu.put("tool_cpu_ms_per_search", perSearch((to.processCpuNanos() - from.processCpuNanos()) / 1e9, searches));
        }
        return cpu;
    }

    private static double perSearch(double seconds, long searches) {
        return Math.round(seconds * 1e3 / searches * 100) / 100.0;
    }

    /** The number of {@code message_id} keys in a search answer: one per result. */
    static int countResults(String body) {
        int count = 0;
        for (int at = body.indexOf("\"message_id\""); at >= 0; at = body.indexOf("\"message_id\"", at + 1)) {
            count++;
        }
        return count;
    }

    /** The write-ceiling loop, in a room of its own, with the search index in place. */
    private StepResult writeCeiling(List<String> tokens, Map<String, Object> m) throws Exception {
        try (RoomLoad load = new RoomLoad(ctx, 1, writeSenders + 1, "search-w")) {
            load.setUp(tokens);
            m.put("acks_supported", load.acks());
            load.textAfterPayload(SearchCorpus::text);
            StepResult result = load.closedLoop("posting with the index x" + writeSenders, writeSenders, 1,
                    writeSeconds, Long.MAX_VALUE);
            m.put("posting_acked_per_second", result.ackedPerSecond());
            return result;
        }
    }

    /** Index size per million messages, from the database itself, when told how to reach it. */
    private void indexSize(Map<String, Object> m) {
        try {
            if (!sqliteFile.isBlank()) {
                // dbstat counts the pages of each table and index, the FTS5 shadow tables included
                List<String> lines = command(List.of("sqlite3", "-readonly", sqliteFile,
                        "select count(*) from messages;"
                                + " select coalesce(sum(pgsize), 0) from dbstat where name like 'messages_search%';"
                                + " select coalesce(sum(length(cast(search_text as blob)) + length(cast(search_pairs as blob))),"
                                + " 0) from messages;"));
                long size = Files.size(Path.of(sqliteFile));
                record(m, lines, "sqlite fts5 messages_search_*");
                m.put("database_file_bytes", size);
            } else if (!psql.isBlank()) {
                List<String> arguments = new ArrayList<>(List.of("psql", "-X", "-A", "-t", "-d", psql, "-c",
                        "select count(*) from messages", "-c",
                        "select pg_relation_size('messages_search_text_idx')"
                                + " + pg_relation_size('messages_search_pairs_idx')", "-c",
                        "select coalesce(sum(octet_length(search_text) + octet_length(search_pairs)), 0) from messages"));
                record(m, command(arguments), "postgresql messages_search_text_idx + messages_search_pairs_idx");
            } else {
                ctx.note("index size not measured: give --sqlite-file=<chat.db> or --psql=<connection string>");
            }
        } catch (IOException | RuntimeException e) {
            ctx.note("index size not measured: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void record(Map<String, Object> m, List<String> lines, String what) {
        if (lines.size() < 3) {
            throw new IllegalStateException("unexpected answer: " + lines);
        }
        long messages = Long.parseLong(lines.get(0).strip());
        long index = Long.parseLong(lines.get(1).strip());
        long folded = Long.parseLong(lines.get(2).strip());
        m.put("index", what);
        m.put("messages_in_database", messages);
        m.put("index_bytes", index);
        m.put("search_text_bytes", folded);
        if (messages > 0) {
            m.put("index_mb_per_million_messages", index / (double) messages * 1e6 / (1 << 20));
            m.put("search_text_mb_per_million_messages", folded / (double) messages * 1e6 / (1 << 20));
        }
    }

    private static List<String> command(List<String> arguments) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(arguments.get(0) + " failed: " + output.strip());
        }
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
