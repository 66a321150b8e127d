package org.chatserver.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Logins are made slow on purpose (password hashing): do they slow down chat for everyone else?
 * A modest fan-out load runs first alone, then with K threads logging in as fast as they can.
 */
public final class LoginsScenario implements Scenario {

    private final RunContext ctx;
    private final int loops;
    private final Duration length;
    private final int rooms;
    private final int members;
    private final int rate;

    public LoginsScenario(RunContext ctx) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.loops = o.integer("login-concurrency", 8, 1, 10_000);
        this.length = o.seconds("seconds", 30, 0.1, 86_400);
        this.rooms = o.integer("rooms", 5, 1, 10_000);
        this.members = o.integer("members", 20, 2, 10_000);
        this.rate = o.integer("rate", 100, 1, 1_000_000);
    }

    @Override
    public Outcome run() throws Exception {
        List<String> tokens = Population.signUp(ctx, members + loops, 8);
        Map<String, Object> m = new LinkedHashMap<>();
        List<StepResult> steps = new ArrayList<>();
        try (RoomLoad load = new RoomLoad(ctx, rooms, members, "l")) {
            load.setUp(tokens.subList(0, members));
            m.put("acks_supported", load.acks());
            StepResult alone = load.fixedRate(rate + "/s without logins", rate, length);
            steps.add(alone);

            Histogram loginTimes = LatencySummary.newHistogram();
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long end = System.nanoTime() + length.toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int k = 0; k < loops; k++) {
                String username = ctx.username(members + k);
                threads.add(Thread.ofPlatform().name("loadgen-login-" + k).daemon().start(() ->
                        logInUntil(end, username, loginTimes, ok, failed)));
            }
            StepResult with = load.fixedRate(rate + "/s with " + loops + " login loops", rate, length);
            for (Thread t : threads) {
                t.join();
            }
            double logins = ok.get() / (length.toNanos() / 1e9);
            LatencySummary loginLatency;
            synchronized (loginTimes) {
                loginLatency = LatencySummary.of(loginTimes);
            }
            with = with.with("logins", ok.get()).with("logins_per_second", Math.round(logins * 10) / 10.0)
                    .with("login_failures", failed.get()).with("login_latency", loginLatency);
            steps.add(with);
            m.put("logins_per_second", Math.round(logins * 10) / 10.0);
            m.put("login_failures", failed.get());
            m.put("login_p50_ms", loginLatency.p50Ms());
            m.put("login_p99_ms", loginLatency.p99Ms());
            m.put("message_p99_ms_without_logins", alone.latency().p99Ms());
            m.put("message_p99_ms_with_logins", with.latency().p99Ms());
            ctx.say("logins: %.1f/s (p50 %.1fms, p99 %.1fms, %d failed); message p99 %.1fms alone, %.1fms with logins",
                    logins, loginLatency.p50Ms(), loginLatency.p99Ms(), failed.get(), alone.latency().p99Ms(),
                    with.latency().p99Ms());
        }
        return new Outcome(steps, m);
    }

    private void logInUntil(long end, String username, Histogram times, AtomicLong ok, AtomicLong failed) {
        while (System.nanoTime() < end) {
            try {
                ChatHttp.Timed timed = ctx.http().timedLogIn(username, ctx.password());
                if (timed.status() == 200) {
                    ok.incrementAndGet();
                    synchronized (times) {
                        times.recordValue(LatencySummary.clampMicros(timed.nanos()));
                    }
                } else {
                    failed.incrementAndGet();
                    ctx.ledger().error("login answered " + timed.status());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failed.incrementAndGet();
                ctx.ledger().error("login failed: " + e.getClass().getSimpleName());
            }
        }
    }
}
