package org.chatserver.loadgen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fanout} measures beside the target, step by step in the same invocation, and how the
 * target's step names it: the reference relay ({@code --relay}) or the first of several nodes alone
 * ({@code --compare-one-node}). The reference's steps are labelled {@code <name> <rate>/s}; the
 * target's step carries the reference's p99, losses and duplicates, and the ratio of the two p99s.
 *
 * @param name    how the reference's steps and the report name it ("relay")
 * @param key     the prefix of the numbers it adds to the target's step ({@code relay_p99_ms})
 * @param subject what the target is called beside it ("server")
 * @param heading the sentence above the report's comparison table
 */
record Reference(String name, String key, String subject, String heading) {

    static final Reference RELAY = new Reference("relay", "relay", "server",
            "Against the reference relay (same steps, same run; the ratio is the number to track)");
    static final Reference ONE_NODE = new Reference("one node", "one_node", "nodes",
            "Against the first node alone (same steps, same run; the ratio is what spreading the members over the"
                    + " nodes costs)");
    static final List<Reference> ALL = List.of(RELAY, ONE_NODE);

    String stepLabel(int rate) {
        return name + " " + rate + "/s";
    }

    boolean labels(StepResult step) {
        return step.label().startsWith(name + " ");
    }

    String p99Key() {
        return key + "_p99_ms";
    }

    String p99RatioKey() {
        return "p99_ratio_" + subject + "_to_" + key;
    }

    String cpuRatioKey() {
        return "cpu_ratio_" + subject + "_to_" + key;
    }

    String ackP50Key() {
        return key + "_ack_p50_ms";
    }

    /**
     * The target's step with the reference's p99, losses and duplicates of the same rate, and the p99 ratio;
     * and the reference's median ack where it acked: a post's time to its ack is what it waits before its
     * fan-out (stored, published, answered), so the two medians side by side say how much of the p99 gap is there.
     */
    StepResult compared(StepResult target, StepResult reference) {
        StepResult s = target.with(p99Key(), reference.latency().p99Ms()).with(key + "_lost", reference.lost())
                .with(key + "_duplicates", reference.duplicates());
        if (reference.ackLatency().count() > 0) {
            s = s.with(ackP50Key(), reference.ackLatency().p50Ms());
        }
        Double ratio = ratio(target, reference);
        if (ratio != null) {
            s = s.with(p99RatioKey(), ratio);
        }
        // with --server-pid and a child relay, what each side burnt per receipt: steadier than latency on a busy machine
        Object targetCpu = target.extra().get("server_cpu_seconds_per_million_receipts");
        Object referenceCpu = reference.extra().get("server_cpu_seconds_per_million_receipts");
        if (targetCpu instanceof Double tc && referenceCpu instanceof Double rc && rc > 0) {
            s = s.with(key + "_cpu_seconds_per_million_receipts", rc)
                    .with(cpuRatioKey(), Math.round(tc / rc * 100) / 100.0);
        }
        return s;
    }

    /** The p99 a step must stay within to count for {@link #knee}: issue 14.3's 100 ms. */
    static final double P99_LIMIT_MS = 100;

    /**
     * How far each side went within {@link #P99_LIMIT_MS}, from a run's steps in the order they ran.
     *
     * @param target     the highest rate of the target's steps up to its first step over the limit (0: none)
     * @param reference  the same for the reference's steps
     * @param worstRatio the highest p99 ratio, target to reference, among the target's steps before the
     *                   reference's first step over the limit; null when there is none
     * @param worstStep  the step it was measured in
     */
    record Knee(double target, double reference, Double worstRatio, String worstStep) {

        /** The target's rate over the reference's, two decimals; null when the reference reached none. */
        Double rateRatio() {
            return reference > 0 ? Math.round(target / reference * 100) / 100.0 : null;
        }

        /** Both numbers in a sentence, as the report prints them and the tool says them at the end of a run. */
        String sentence(String us, String them) {
            return "Within " + Report.fmt(P99_LIMIT_MS)
                    + " ms (p99 of the step and of every step before it, nothing lost or doubled): " + us + " up to "
                    + Report.fmt(target) + "/s, " + them + " up to " + Report.fmt(reference) + "/s"
                    + (rateRatio() == null ? "" : ", " + Report.fmt(rateRatio() * 100) + " % of the " + them + "'s rate")
                    + ". " + (worstRatio == null ? "No step before the " + them + "'s first one over the limit to compare."
                    : "Worst p99 ratio before the " + them + "'s first step over the limit: ×" + Report.fmt(worstRatio)
                    + " at " + worstStep + ".");
        }
    }

    /**
     * The two numbers issue 14.3 tracks, computed the same way for every report: a step counts while its p99
     * and the p99 of every step before it are within {@link #P99_LIMIT_MS} and nothing of it was lost or
     * doubled; then what the target's p99 was worth against the reference's up to where the reference stopped
     * counting. Warm-up steps are left out.
     */
    Knee knee(List<StepResult> run) {
        // warm-up steps (fanout --warmup-seconds) are the start-up, not a rate either side stayed within
        List<StepResult> steps = run.stream().filter(s -> !s.warmUp()).toList();
        List<StepResult> targets = steps.stream().filter(s -> s.extra().containsKey(p99Key())).toList();
        Double worst = null;
        String worstStep = null;
        for (StepResult s : targets) {
            if (!(s.extra().get(p99Key()) instanceof Number referenceP99) || referenceP99.doubleValue() > P99_LIMIT_MS) {
                break;
            }
            if (s.extra().get(p99RatioKey()) instanceof Number r && (worst == null || r.doubleValue() > worst)) {
                worst = r.doubleValue();
                worstStep = s.label();
            }
        }
        return new Knee(highestWithinLimit(targets), highestWithinLimit(steps.stream().filter(this::labels).toList()),
                worst, worstStep);
    }

    /** The run-level numbers of a {@link #knee}, under names that say which side is which. */
    Map<String, Object> measurements(Knee knee) {
        Map<String, Object> m = new LinkedHashMap<>();
        String within = "_highest_rate_within_" + (int) P99_LIMIT_MS + "ms";
        m.put(subject + within, knee.target());
        m.put(key + within, knee.reference());
        if (knee.rateRatio() != null) {
            m.put("highest_rate_ratio_" + subject + "_to_" + key, knee.rateRatio());
        }
        if (knee.worstRatio() != null) {
            m.put("worst_p99_ratio_below_" + key + "_limit", knee.worstRatio());
            m.put("worst_p99_ratio_step", knee.worstStep());
        }
        return m;
    }

    private static double highestWithinLimit(List<StepResult> steps) {
        double highest = 0;
        for (StepResult s : steps) {
            if (s.latency().p99Ms() > P99_LIMIT_MS || s.lost() > 0 || s.duplicates() > 0) {
                break;
            }
            highest = Math.max(highest, s.targetRate());
        }
        return highest;
    }

    /** Target p99 over reference p99, two decimals; null when the reference measured nothing. */
    static Double ratio(StepResult target, StepResult reference) {
        double referenceP99 = reference.latency().p99Ms();
        return referenceP99 > 0 ? Math.round(target.latency().p99Ms() / referenceP99 * 100) / 100.0 : null;
    }
}
