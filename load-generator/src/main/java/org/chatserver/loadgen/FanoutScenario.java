package org.chatserver.loadgen;

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
 *
 * <p>With several nodes in {@code --base-url} the members are spread over them ({@link RoomLoad}); with
 * {@code --compare-one-node} too, every step runs first against the first node alone, in rooms of its own,
 * and the step across the nodes carries the ratio, the same way.
 *
 * <p>With {@code --warmup-seconds} the first rate runs that long first, unmeasured, against each side (the
 * reference, then the target), on the same rooms and connections: a freshly started server spends its
 * first half minute loading and compiling, so without it the first steps mix start-up with the steady
 * state. The warm-up steps are in the report ({@code "250/s warm-up"}) but not compared, and the run's
 * verdict ({@link Reference#knee}) leaves them out; their posts count with {@code --verify-stored}.
 */
public final class FanoutScenario implements Scenario {

    private final RunContext ctx;
    private final int rooms;
    private final int members;
    private final List<Integer> rates;
    private final Duration stepLength;
    private final Duration warmup;
    private final boolean verifyStored;
    private final int signupParallelism;
    private final RelayOption relay;
    private final boolean compareOneNode;

    public FanoutScenario(RunContext ctx, boolean smoke) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.rooms = o.integer("rooms", smoke ? 2 : 20, 1, 10_000);
        this.members = o.integer("members", smoke ? 5 : 50, 2, 10_000);
        this.rates = o.integers("rates", smoke ? "50" : "250,500,1000,2000,4000", 1_000_000);
        this.stepLength = o.seconds("step-seconds", smoke ? 3 : 30, 0.1, 86_400);
        this.warmup = o.seconds("warmup-seconds", 0, 0, 3_600);
        this.verifyStored = o.flag("verify-stored");
        this.signupParallelism = o.integer("signup-parallelism", 8, 1, 256);
        this.relay = RelayOption.of(o);
        if (ctx.nodes().size() < 2 && o.given("compare-one-node")) {
            throw new Options.UsageException("--compare-one-node needs several nodes in --base-url (separated by commas)");
        }
        this.compareOneNode = ctx.nodes().size() > 1 && o.flag("compare-one-node");
        if (compareOneNode && relay.given()) {
            throw new Options.UsageException("--compare-one-node and --relay compare with different things: choose one");
        }
    }

    @Override
    public Outcome run() throws Exception {
        if (compareOneNode) {
            try (RunContext oneNode = ctx.forFirstNodeAlone()) {
                ctx.say("each step runs against %s alone, then against all %d nodes", oneNode.baseUrl(), ctx.nodes().size());
                return runCompared(oneNode, Reference.ONE_NODE);
            }
        }
        if (!relay.given()) {
            return runAgainstServerOnly();
        }
        try (RelayOption.Opened reference = relay.open(ctx)) {
            return runCompared(reference.ctx(), Reference.RELAY);
        }
    }

    /**
     * Every step twice in a row, first against {@code referenceCtx}, then against the target, each with its
     * own users, rooms and ledger; the target's step carries the comparison.
     */
    private Outcome runCompared(RunContext referenceCtx, Reference reference) throws Exception {
        List<String> referenceTokens = Population.signUp(referenceCtx, members, signupParallelism);
        List<String> tokens = Population.signUp(ctx, members, signupParallelism);
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> measurements = new LinkedHashMap<>();
        try (RoomLoad referenceLoad = new RoomLoad(referenceCtx, rooms, members, "f");
             RoomLoad load = new RoomLoad(ctx, rooms, members, "f")) {
            referenceLoad.setUp(referenceTokens);
            load.setUp(tokens);
            measurements.put("acks_supported", load.acks());
            measurements.put(reference.key(), referenceCtx.baseUrl().toString());
            spread(load, measurements);
            if (!warmup.isZero()) {
                steps.add(warmUp(referenceLoad, reference.stepLabel(rates.getFirst())));
                steps.add(warmUp(load, rates.getFirst() + "/s"));
            }
            for (int rate : rates) {
                StepResult referenceStep = referenceLoad.fixedRate(reference.stepLabel(rate), rate, stepLength);
                StepResult step = load.fixedRate(rate + "/s", rate, stepLength);
                steps.add(referenceStep);
                steps.add(reference.compared(step, referenceStep));
                ctx.say("[%s] p99 %s %.1f ms / %s %.1f ms = %s", step.label(), reference.subject(),
                        step.latency().p99Ms(), reference.name(), referenceStep.latency().p99Ms(),
                        Reference.ratio(step, referenceStep));
            }
            Reference.Knee knee = reference.knee(steps);
            measurements.putAll(reference.measurements(knee));
            ctx.say("%s", knee.sentence(reference.subject(), reference.name()));
            if (verifyStored) {
                verify(load, steps.stream().filter(s -> !reference.labels(s)).toList(), measurements);
            }
        }
        return new Outcome(steps, measurements);
    }

    private Outcome runAgainstServerOnly() throws Exception {
        List<String> tokens = Population.signUp(ctx, members, signupParallelism);
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> measurements = new LinkedHashMap<>();
        try (RoomLoad load = new RoomLoad(ctx, rooms, members, "f")) {
            load.setUp(tokens);
            measurements.put("acks_supported", load.acks());
            spread(load, measurements);
            if (!warmup.isZero()) {
                steps.add(warmUp(load, rates.getFirst() + "/s"));
            }
            for (int rate : rates) {
                steps.add(load.fixedRate(rate + "/s", rate, stepLength));
            }
            if (verifyStored) {
                verify(load, steps, measurements);
            }
        }
        return new Outcome(steps, measurements);
    }

    /** The first rate for {@code --warmup-seconds}, labelled as a warm-up: reported, never compared. */
    private StepResult warmUp(RoomLoad load, String label) throws Exception {
        StepResult warm = load.fixedRate(StepResult.warmUpLabel(label), rates.getFirst(), warmup);
        ctx.say("[%s] p99 %.1f ms (not compared)", warm.label(), warm.latency().p99Ms());
        return warm;
    }

    /** Against several nodes: which they were and how many of the members' connections each got. */
    private void spread(RoomLoad load, Map<String, Object> measurements) {
        if (ctx.nodes().size() < 2) {
            return;
        }
        measurements.put("nodes", ctx.target());
        measurements.put("connections_per_node", load.connectionsPerNode());
        ctx.say("connections per node: %s", load.connectionsPerNode());
    }

    private void verify(RoomLoad load, List<StepResult> serverSteps, Map<String, Object> measurements) throws Exception {
        long stored = load.storedMessages();
        long acked = serverSteps.stream().mapToLong(StepResult::acked).sum();
        measurements.put("stored_messages", stored);
        measurements.put("acked_messages", acked);
        measurements.put("stored_equals_acked", stored == acked);
        ctx.say("stored %d messages, acked %d", stored, acked);
    }
}
