package org.chatserver.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rooms of members, offered input rate stepped up; every message should reach every other
 * member of its room. {@code smoke} is the same with tiny defaults.
 *
 * <p>With {@code --relay=auto} (or the URL of a running {@code relay}) every step runs twice in a row,
 * first against the reference relay, then against the server, and the server's step carries the ratio
 * of the two p99s: a number that moves with our server, not with the machine it was measured on.
 */
public final class FanoutScenario implements Scenario {

    /** Default JVM options of the child relay: a small heap and the cheapest collector, as befits a bare relay. */
    static final String RELAY_JAVA_OPTIONS = "-Xms64m -Xmx512m -XX:+UseSerialGC";

    private final RunContext ctx;
    private final int rooms;
    private final int members;
    private final List<Integer> rates;
    private final Duration stepLength;
    private final boolean verifyStored;
    private final int signupParallelism;
    private final String relay;
    private final int relayThreads;
    private final String relayJavaOptions;

    public FanoutScenario(RunContext ctx, boolean smoke) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.rooms = o.integer("rooms", smoke ? 2 : 20, 1, 10_000);
        this.members = o.integer("members", smoke ? 5 : 50, 2, 10_000);
        this.rates = o.integers("rates", smoke ? "50" : "250,500,1000,2000,4000", 1_000_000);
        this.stepLength = o.seconds("step-seconds", smoke ? 3 : 30, 0.1, 86_400);
        this.verifyStored = o.flag("verify-stored");
        this.signupParallelism = o.integer("signup-parallelism", 8, 1, 256);
        this.relay = o.string("relay", "none");
        if (!relay.equals("none") && !relay.equals("auto") && !relay.matches("https?://\\S+")) {
            throw new Options.UsageException("--relay must be none, auto or the URL of a running relay, got '" + relay + "'");
        }
        boolean child = relay.equals("auto");
        this.relayThreads = child ? o.integer("relay-threads", 2, 1, 64) : 0;
        this.relayJavaOptions = child ? o.string("relay-java-options", RELAY_JAVA_OPTIONS) : "";
    }

    @Override
    public Outcome run() throws Exception {
        if (relay.equals("none")) {
            return runAgainstServerOnly();
        }
        try (RelayProcess child = relay.equals("auto") ? RelayProcess.start(relayJavaOptions, relayThreads) : null;
             RunContext relayCtx = child != null ? ctx.forBaseUrl(child.baseUrl(), child.pid())
                     : ctx.forBaseUrl(URI.create(relay.replaceAll("/+$", "")))) {
            ctx.say("reference relay at %s%s", relayCtx.baseUrl(), child == null ? "" : " (child JVM, pid " + child.pid() + ")");
            List<String> relayTokens = Population.signUp(relayCtx, members, signupParallelism);
            List<String> tokens = Population.signUp(ctx, members, signupParallelism);
            List<StepResult> steps = new ArrayList<>();
            Map<String, Object> measurements = new LinkedHashMap<>();
            try (RoomLoad relayLoad = new RoomLoad(relayCtx, rooms, members, "f");
                 RoomLoad load = new RoomLoad(ctx, rooms, members, "f")) {
                relayLoad.setUp(relayTokens);
                load.setUp(tokens);
                measurements.put("acks_supported", load.acks());
                measurements.put("relay", relayCtx.baseUrl().toString());
                for (int rate : rates) {
                    StepResult relayStep = relayLoad.fixedRate("relay " + rate + "/s", rate, stepLength);
                    StepResult serverStep = load.fixedRate(rate + "/s", rate, stepLength);
                    steps.add(relayStep);
                    steps.add(compared(serverStep, relayStep));
                    ctx.say("[%s] p99 server %.1f ms / relay %.1f ms = %s", serverStep.label(),
                            serverStep.latency().p99Ms(), relayStep.latency().p99Ms(), ratio(serverStep, relayStep));
                }
                if (verifyStored) {
                    verify(load, steps.stream().filter(s -> !s.label().startsWith("relay ")).toList(), measurements);
                }
            }
            return new Outcome(steps, measurements);
        }
    }

    private Outcome runAgainstServerOnly() throws Exception {
        List<String> tokens = Population.signUp(ctx, members, signupParallelism);
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> measurements = new LinkedHashMap<>();
        try (RoomLoad load = new RoomLoad(ctx, rooms, members, "f")) {
            load.setUp(tokens);
            measurements.put("acks_supported", load.acks());
            for (int rate : rates) {
                steps.add(load.fixedRate(rate + "/s", rate, stepLength));
            }
            if (verifyStored) {
                verify(load, steps, measurements);
            }
        }
        return new Outcome(steps, measurements);
    }

    private void verify(RoomLoad load, List<StepResult> serverSteps, Map<String, Object> measurements) throws Exception {
        long stored = load.storedMessages();
        long acked = serverSteps.stream().mapToLong(StepResult::acked).sum();
        measurements.put("stored_messages", stored);
        measurements.put("acked_messages", acked);
        measurements.put("stored_equals_acked", stored == acked);
        ctx.say("stored %d messages, acked %d", stored, acked);
    }

    /** The server's step with the relay's p99, losses and duplicates of the same rate, and the p99 ratio. */
    static StepResult compared(StepResult server, StepResult relay) {
        StepResult s = server.with("relay_p99_ms", relay.latency().p99Ms()).with("relay_lost", relay.lost())
                .with("relay_duplicates", relay.duplicates());
        Double ratio = ratio(server, relay);
        if (ratio != null) {
            s = s.with("p99_ratio_server_to_relay", ratio);
        }
        // with --server-pid and a child relay, what each side burnt per receipt: steadier than latency on a busy machine
        Object serverCpu = server.extra().get("server_cpu_seconds_per_million_receipts");
        Object relayCpu = relay.extra().get("server_cpu_seconds_per_million_receipts");
        if (serverCpu instanceof Double sc && relayCpu instanceof Double rc && rc > 0) {
            s = s.with("relay_cpu_seconds_per_million_receipts", rc)
                    .with("cpu_ratio_server_to_relay", Math.round(sc / rc * 100) / 100.0);
        }
        return s;
    }

    /** Server p99 over relay p99, two decimals; null when the relay measured nothing. */
    static Double ratio(StepResult server, StepResult relay) {
        double relayP99 = relay.latency().p99Ms();
        return relayP99 > 0 ? Math.round(server.latency().p99Ms() / relayP99 * 100) / 100.0 : null;
    }
}
