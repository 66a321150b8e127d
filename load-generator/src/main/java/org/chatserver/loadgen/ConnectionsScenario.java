package org.chatserver.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Ramps up to N authenticated idle WebSocket connections, holds them, and reports how long the
 * ramp took and what each connection costs the server in memory.
 */
public final class ConnectionsScenario implements Scenario {

    /** Descriptors the JVM needs besides the sockets: jars, selectors, pipes. */
    private static final int FD_HEADROOM = 1_000;

    private final RunContext ctx;
    private final int connections;
    private final int users;
    private final int rooms;
    private final int concurrency;
    private final Duration hold;

    public ConnectionsScenario(RunContext ctx) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.connections = o.integer("connections", 10_000, 1, 1_000_000);
        this.users = o.integer("users", Math.min(100, connections), 1, 100_000);
        // join notices go to everyone in the room: one huge room would measure those, not idle connections
        this.rooms = o.integer("rooms", Math.max(1, connections / 50), 1, 100_000);
        this.concurrency = o.integer("connect-concurrency", 200, 1, 10_000);
        this.hold = o.seconds("hold-seconds", 60, 0, 86_400);
    }

    @Override
    public Outcome run() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        long limit = ProcStatus.openFilesLimit("self");
        m.put("client_open_files_limit", limit);
        if (limit >= 0 && limit < (long) connections + FD_HEADROOM) {
            throw new Population.SetupException("this process may open only " + limit + " files, but " + connections
                    + " connections need about " + (connections + FD_HEADROOM) + ". Raise it first, e.g. `ulimit -n "
                    + Math.max(65_536, 2L * connections) + "` in the same shell (and for the server process: it"
                    + " needs one per connection too)", null);
        }
        if (ctx.serverPid() > 0) {
            long serverLimit = ProcStatus.openFilesLimit(Long.toString(ctx.serverPid()));
            m.put("server_open_files_limit", serverLimit);
            if (serverLimit >= 0 && serverLimit < connections + FD_HEADROOM) {
                ctx.note("the server process may open only " + serverLimit + " files: it will refuse connections"
                        + " before " + connections);
            }
        }
        if (connections > users * 20) {
            ctx.note("the server allows 20 connections per user by default: start our server with"
                    + " --chat.websocket.max-connections-per-user=" + ((connections + users - 1) / users));
        }
        if (connections > 8_000) {
            ctx.note("Tomcat accepts 8192 connections by default: start our server with"
                    + " --server.tomcat.max-connections=" + (connections + 1_000));
        }
        List<String> tokens = Population.signUp(ctx, users, 8);
        List<Long> roomIds = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            roomIds.add(ctx.http().createOrFindRoom(tokens.get(0), ctx.roomName("c", r)));
        }
        long rssBefore = ctx.serverRssBytes();
        long heapBefore = ctx.http().heapUsedBytes();

        DeliveryLedger ledger = ctx.ledger();
        DeliveryLedger.Step step = ledger.beginStep("connect " + connections, 0);
        AtomicInteger open = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        ChatConnection.Handler handler = new ChatConnection.Handler() {
            @Override
            public void onFrame(ChatConnection connection, Frame frame, long receivedNanos) {
                if (frame.type().equals("error")) {
                    ledger.error("error frame: " + frame.message());
                }
            }

            @Override
            public void onLost(ChatConnection connection, String why) {
                open.decrementAndGet();
                dropped.incrementAndGet();
                ledger.error(why);
            }
        };
        Histogram handshake = LatencySummary.newHistogram();
        Semaphore inFlight = new Semaphore(concurrency);
        List<ChatConnection> held = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> attempts = new ArrayList<>();
        var progress = ctx.progress(() -> String.format(java.util.Locale.ROOT, "[connections] open=%d refused=%d dropped=%d",
                open.get(), refused.get(), dropped.get()));
        long start = System.nanoTime();
        try {
            for (int i = 0; i < connections; i++) {
                inFlight.acquire();
                long began = System.nanoTime();
                String room = Long.toString(roomIds.get(i % rooms));
                attempts.add(ChatConnection.open(ctx.socketClient(i), ctx.baseUrl(), room, tokens.get(i % users), i,
                        handler, ctx.connectTimeout()).whenComplete((c, e) -> {
                    inFlight.release();
                    if (e == null) {
                        synchronized (handshake) {
                            handshake.recordValue(LatencySummary.clampMicros(System.nanoTime() - began));
                        }
                        held.add(c);
                        open.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                        ledger.error("handshake failed: " + rootMessage(e));
                    }
                }));
            }
            CompletableFuture.allOf(attempts.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
            double rampSeconds = (System.nanoTime() - start) / 1e9;
            ctx.say("%d of %d connections open after %.1fs (%d refused)", open.get(), connections, rampSeconds,
                    refused.get());
            m.put("connections_open", open.get());
            m.put("connections_refused", refused.get());
            m.put("time_to_connect_seconds", Math.round(rampSeconds * 100) / 100.0);
            // settle: join notices still in flight would count as memory of the connections
            Thread.sleep(2_000);
            long rssAfter = ctx.serverRssBytes();
            long heapAfter = ctx.http().heapUsedBytes();
            memory(m, "server_rss", rssBefore, rssAfter, open.get());
            memory(m, "server_heap", heapBefore, heapAfter, open.get());
            long holdEnd = System.nanoTime() + hold.toNanos();
            while (System.nanoTime() < holdEnd) {
                TimeUnit.MILLISECONDS.sleep(Math.min(500, Math.max(1, (holdEnd - System.nanoTime()) / 1_000_000)));
            }
            m.put("held_seconds", hold.toSeconds());
            m.put("connections_open_after_hold", open.get());
            m.put("connections_dropped_during_run", dropped.get());
            ledger.endSending(step);
            StepResult result = StepResult.measurement("connect " + connections, Math.round(rampSeconds * 10) / 10.0,
                    LatencySummary.of(handshake), step.errors.sum(), Map.of("open", open.get(),
                            "refused", refused.get(), "dropped", dropped.get()));
            return new Outcome(List.of(result), m);
        } finally {
            progress.cancel(false);
            step.closed = true;
            List<CompletableFuture<?>> closing = new ArrayList<>();
            synchronized (held) {
                held.forEach(c -> closing.add(c.close()));
            }
            try {
                CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                held.forEach(ChatConnection::abort);
            }
        }
    }

    private void memory(Map<String, Object> m, String name, long before, long after, int open) {
        if (before < 0 || after < 0) {
            m.put(name + "_bytes", "not available" + (name.endsWith("rss") ? " (give --server-pid)" : ""));
            return;
        }
        m.put(name + "_before_bytes", before);
        m.put(name + "_after_bytes", after);
        if (open > 0) {
            m.put(name + "_per_connection_bytes", (after - before) / open);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }
}
