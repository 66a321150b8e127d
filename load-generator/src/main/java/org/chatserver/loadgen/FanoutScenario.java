package org.chatserver.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rooms of members, offered input rate stepped up; every message should reach every other
 * member of its room. {@code smoke} is the same with tiny defaults.
 */
public final class FanoutScenario implements Scenario {

    private final RunContext ctx;
    private final int rooms;
    private final int members;
    private final List<Integer> rates;
    private final Duration stepLength;
    private final boolean verifyStored;
    private final int signupParallelism;

    public FanoutScenario(RunContext ctx, boolean smoke) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.rooms = o.integer("rooms", smoke ? 2 : 20, 1, 10_000);
        this.members = o.integer("members", smoke ? 5 : 50, 2, 10_000);
        this.rates = o.integers("rates", smoke ? "50" : "250,500,1000,2000,4000", 1_000_000);
        this.stepLength = o.seconds("step-seconds", smoke ? 3 : 30, 0.1, 86_400);
        this.verifyStored = o.flag("verify-stored");
        this.signupParallelism = o.integer("signup-parallelism", 8, 1, 256);
    }

    @Override
    public Outcome run() throws Exception {
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
                long stored = load.storedMessages();
                long acked = steps.stream().mapToLong(StepResult::acked).sum();
                measurements.put("stored_messages", stored);
                measurements.put("acked_messages", acked);
                measurements.put("stored_equals_acked", stored == acked);
                ctx.say("stored %d messages, acked %d", stored, acked);
            }
        }
        return new Outcome(steps, measurements);
    }
}
