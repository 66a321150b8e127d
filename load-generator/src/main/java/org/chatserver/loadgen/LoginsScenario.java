package org.chatserver.loadgen;

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
    private final BackgroundChat chat;

    public LoginsScenario(RunContext ctx) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.loops = o.integer("login-concurrency", 8, 1, 10_000);
        this.chat = BackgroundChat.from(o);
    }

    @Override
    public Outcome run() throws Exception {
        List<String> tokens = Population.signUp(ctx, chat.members() + loops, 8);
        Map<String, Object> m = new LinkedHashMap<>();
        List<StepResult> steps = new ArrayList<>();
        int members = chat.members();
        try (RoomLoad load = new RoomLoad(ctx, chat.rooms(), members, "l")) {
            load.setUp(tokens.subList(0, members));
            m.put("acks_supported", load.acks());
            chat.warmUp(load).ifPresent(steps::add);
            StepResult alone = chat.step(load, "without logins");
            steps.add(alone);

            Histogram loginTimes = LatencySummary.newHistogram();
            AtomicLong ok = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            long end = System.nanoTime() + chat.length().toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int k = 0; k < loops; k++) {
                String username = ctx.username(members + k);
                threads.add(Thread.ofPlatform().name("loadgen-login-" + k).daemon().start(() ->
                        logInUntil(end, username, loginTimes, ok, failed)));
            }
            StepResult with = chat.step(load, "with " + loops + " login loops");
            for (Thread t : threads) {
                t.join();
            }
            double logins = ok.get() / (chat.length().toNanos() / 1e9);
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
