package org.chatserver.loadgen;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room, each sender sending its next message as soon as the previous one is acknowledged
 * (closed loop): the rate at which the server can store messages. Without acks the loop closes
 * on an extra observing member receiving the message instead.
 */
public final class WriteCeilingScenario implements Scenario {

    private final RunContext ctx;
    private final int senders;
    private final Duration length;

    public WriteCeilingScenario(RunContext ctx) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.senders = o.integer("senders", 50, 1, 10_000);
        this.length = o.seconds("seconds", 30, 0.1, 86_400);
    }

    @Override
    public Outcome run() throws Exception {
        // one member more than senders: the observer, which never sends
        List<String> tokens = Population.signUp(ctx, senders + 1, 8);
        Map<String, Object> m = new LinkedHashMap<>();
        try (RoomLoad load = new RoomLoad(ctx, 1, senders + 1, "w")) {
            load.setUp(tokens);
            m.put("acks_supported", load.acks());
            StepResult result = load.closedLoop("closed loop x" + senders, senders, 1, length, Long.MAX_VALUE);
            m.put("acked_per_second", result.ackedPerSecond());
            m.put("delivered_per_second", result.deliveredPerSecond());
            return new Outcome(List.of(result), m);
        }
    }
}
