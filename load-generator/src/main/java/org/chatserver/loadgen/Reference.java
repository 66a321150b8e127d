package org.chatserver.loadgen;

import java.util.List;

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

    /** The target's step with the reference's p99, losses and duplicates of the same rate, and the p99 ratio. */
    StepResult compared(StepResult target, StepResult reference) {
        StepResult s = target.with(p99Key(), reference.latency().p99Ms()).with(key + "_lost", reference.lost())
                .with(key + "_duplicates", reference.duplicates());
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

    /** Target p99 over reference p99, two decimals; null when the reference measured nothing. */
    static Double ratio(StepResult target, StepResult reference) {
        double referenceP99 = reference.latency().p99Ms();
        return referenceP99 > 0 ? Math.round(target.latency().p99Ms() / referenceP99 * 100) / 100.0 : null;
    }
}
