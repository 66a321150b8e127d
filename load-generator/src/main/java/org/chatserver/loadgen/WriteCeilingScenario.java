package org.chatserver.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room, each sender sending its next message as soon as the previous one is acknowledged
 * (closed loop): the rate at which the server can store messages. Without acks the loop closes
 * on an extra observing member receiving the message instead.
 *
 * <p>{@code --post-via=ws} (the default): the senders are members connected to the room, so every post
 * is also sent to all of them; {@code rest}: the senders post over REST and only the observer is
 * connected, so what is measured is storing, not fan-out. Either way the observer checks that every
 * acked message reaches it once, in one gap-free order of message ids ({@link ArrivalOrder}).
 *
 * <p>With {@code --relay} the same WebSocket loop runs first against the reference relay (no storage, no
 * auth), then against the server, and the report carries both rates and their ratio: on a small machine
 * shared with the tool, the relay's rate is the ceiling of this loop, not of storing.
 *
 * <p>{@code --warmup-seconds}: the same loop runs that long first, on the same room and connections, before
 * the measured one (against the relay too): a freshly started JVM spends its first half minute compiling,
 * so without it the measured loop reports the server's start-up as much as its steady state. The warm-up's
 * rate is in the report as a step of its own, and its posts are held to the same one gap-free order.
 */
public final class WriteCeilingScenario implements Scenario {

    private final RunContext ctx;
    private final int senders;
    private final Duration length;
    private final Duration warmup;
    private final boolean overRest;
    private final boolean verifyStored;
    private final RelayOption relay;

    public WriteCeilingScenario(RunContext ctx) {
        this.ctx = ctx;
        Options o = ctx.options();
        this.senders = o.integer("senders", 50, 1, 10_000);
        this.length = o.seconds("seconds", 30, 0.1, 86_400);
        this.warmup = o.seconds("warmup-seconds", 0, 0, 3_600);
        String via = o.string("post-via", "ws");
        if (!via.equals("ws") && !via.equals("rest")) {
            throw new Options.UsageException("--post-via must be ws or rest, got '" + via + "'");
        }
        this.overRest = via.equals("rest");
        this.verifyStored = o.flag("verify-stored");
        this.relay = RelayOption.of(o);
        if (relay.given() && overRest) {
            throw new Options.UsageException("--relay compares the WebSocket loop: the relay takes no posts over REST,"
                    + " so leave out --post-via=rest");
        }
    }

    @Override
    public Outcome run() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("post_via", overRest ? "rest" : "ws");
        List<StepResult> steps = new ArrayList<>();
        Map<String, Object> reference = new LinkedHashMap<>();
        if (relay.given()) {
            try (RelayOption.Opened opened = relay.open(ctx)) {
                m.put("relay", opened.ctx().baseUrl().toString());
                steps.addAll(loop(opened.ctx(), "relay closed loop x" + senders, false, reference));
            }
        }
        steps.addAll(loop(ctx, "closed loop x" + senders + (overRest ? " over REST" : ""), verifyStored, m));
        if (relay.given()) {
            compare(m, reference);
        }
        return new Outcome(steps, m);
    }

    /**
     * One closed loop against {@code target} (our server or the relay), after the warm-up loop when one is asked
     * for; the measured loop's figures are added to {@code m}. Returns the steps run, the measured one last.
     */
    private List<StepResult> loop(RunContext target, String label, boolean verify, Map<String, Object> m)
            throws Exception {
        // one member more than senders: the observer, which never sends
        List<String> tokens = Population.signUp(target, senders + 1, 8);
        // over REST only the observer (user 0, the room's creator) is connected; the senders are users 1..n
        try (RoomLoad load = overRest ? new RoomLoad(target, 1, 1, "w") : new RoomLoad(target, 1, senders + 1, "w")) {
            load.setUp(tokens);
            m.put("acks_supported", load.acks());
            ArrivalOrder order = new ArrivalOrder();
            load.checkOrder(load.member(0, load.memberCount() - 1), order);
            List<StepResult> steps = new ArrayList<>();
            List<String> senderTokens = tokens.subList(1, senders + 1);
            if (overRest) {
                joinRoom(senderTokens, load.roomIds().get(0));
            }
            if (!warmup.isZero()) {
                StepResult warm = closedLoop(load, target, StepResult.warmUpLabel(label), senderTokens, warmup);
                m.put("warmup_acked_per_second", warm.ackedPerSecond());
                steps.add(warm);
            }
            StepResult result = closedLoop(load, target, label, senderTokens, length);
            steps.add(result);
            m.put("acked_per_second", result.ackedPerSecond());
            m.put("delivered_per_second", result.deliveredPerSecond());
            // the table's latency is send to the observer's receipt; the ack's is send to the sender's answer
            m.put("ack_p50_ms", result.ackLatency().p50Ms());
            m.put("ack_p99_ms", result.ackLatency().p99Ms());
            if (result.extra().containsKey("server_cpu_ms_per_acked_message")) {
                m.put("server_cpu_ms_per_acked_message", result.extra().get("server_cpu_ms_per_acked_message"));
            }
            if (load.acks()) {
                Map<String, Object> verdict = order.verdict();
                m.putAll(verdict);
                ctx.say("[%s] observer: %s", label, verdict);
            }
            if (verify) {
                long stored = load.storedMessages();
                // the warm-up's posts are in the room too
                long acked = steps.stream().mapToLong(StepResult::acked).sum();
                m.put("stored_messages", stored);
                m.put("acked_messages", acked);
                m.put("stored_equals_acked", stored == acked);
                ctx.say("stored %d messages, acked %d", stored, acked);
            }
            return steps;
        }
    }

    private StepResult closedLoop(RoomLoad load, RunContext target, String label, List<String> senderTokens,
            Duration duration) throws Exception {
        return overRest
                ? load.closedLoopOverRest(label, target.separateHttp(), senderTokens, duration)
                : load.closedLoop(label, senders, 1, duration, Long.MAX_VALUE);
    }

    /** The relay's figures beside ours, and the two ratios to track: acked msg/s and CPU per acked message. */
    private void compare(Map<String, Object> m, Map<String, Object> relayRun) {
        m.put("relay_acked_per_second", relayRun.get("acked_per_second"));
        m.put("relay_ack_p99_ms", relayRun.get("ack_p99_ms"));
        m.put("relay_one_gap_free_order", relayRun.get("one_gap_free_order"));
        double ours = (Double) m.get("acked_per_second");
        double theirs = (Double) relayRun.get("acked_per_second");
        if (theirs > 0) {
            m.put("acked_ratio_server_to_relay", Math.round(ours / theirs * 100) / 100.0);
        }
        if (m.get("server_cpu_ms_per_acked_message") instanceof Double oursCpu
                && relayRun.get("server_cpu_ms_per_acked_message") instanceof Double relayCpu && relayCpu > 0) {
            m.put("relay_cpu_ms_per_acked_message", relayCpu);
            m.put("cpu_ratio_server_to_relay", Math.round(oursCpu / relayCpu * 100) / 100.0);
        }
        ctx.say("acked msg/s: server %.1f / relay %.1f = %s", ours, theirs,
                m.getOrDefault("acked_ratio_server_to_relay", "n/a (the relay acked nothing)"));
    }

    /** Makes the REST senders members before measuring, so no post of the loop pays for a join. */
    private void joinRoom(List<String> senderTokens, long room) throws Exception {
        MembershipHttp membership = new MembershipHttp(ctx.socketClient(0), ctx.baseUrl(),
                ctx.connectTimeout().plusSeconds(20));
        for (String token : senderTokens) {
            membership.join(token, room);
        }
    }
}
