package org.chatserver.loadgen;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step measured. Rates are per second of the sending window.
 *
 * @param offeredPerSecond   messages the schedule asked for, per second
 * @param scheduled          messages the schedule asked for
 * @param sent               messages written to the socket without error
 * @param acked              messages the server acknowledged to their sender (0 when it never acks)
 * @param expectedDeliveries receipts that should happen: each sent message times the other members of its room
 * @param delivered          receipts that happened within the grace period, each counted once
 * @param lost               expected receipts that did not happen within the grace period
 * @param duplicates         receipts of a message the same client had already received
 * @param misdirected        receipts by a client the message was not meant for (its sender, another room's
 *                           member); never counted as delivered
 * @param late               first receipts that arrived after the step closed (also counted in lost)
 * @param errors             error frames, unexpected closes, failed sends or HTTP calls during the step
 * @param maxScheduleLagMs   how far the generator itself fell behind its schedule
 * @param latency            send (intended time) to receipt, at every receiver
 * @param ackLatency         send (intended time) to the sender's ack
 * @param windows            {@code latency} by when the receipts arrived, one window per progress line and one for
 *                           the rest of the step; empty for a step that measured something else
 * @param extra              scenario-specific numbers (logins/s, connect time, memory...)
 */
public record StepResult(String label, double targetRate, double durationSeconds, double offeredPerSecond,
                         long scheduled, long sent, long sendFailures, long acked, long expectedDeliveries,
                         long delivered, double deliveredPerSecond, double ackedPerSecond, long lost,
                         long duplicates, long misdirected, long late, long errors, double maxScheduleLagMs, LatencySummary latency,
                         LatencySummary ackLatency, List<LatencyWindow> windows, Map<String, Object> extra) {

    public StepResult {
        windows = List.copyOf(windows);
        extra = new LinkedHashMap<>(extra);
    }

    /** A step that measured something other than messages (a connection ramp, a history query). */
    public static StepResult measurement(String label, double durationSeconds, LatencySummary latency,
                                         long errors, Map<String, Object> extra) {
        LatencySummary none = LatencySummary.of(LatencySummary.newHistogram());
        return new StepResult(label, 0, durationSeconds, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, errors, 0, latency,
                none, List.of(), extra);
    }

    /** What marks a warm-up step's label ({@link #warmUpLabel}). */
    private static final String WARM_UP = " warm-up";

    /**
     * The label of a warm-up step ({@code "250/s warm-up"}): run before the measured steps to take a freshly
     * started server past its start-up, reported, but never compared or counted towards a run's verdict.
     */
    public static String warmUpLabel(String label) {
        return label + WARM_UP;
    }

    /** Whether this is a warm-up step, labelled by {@link #warmUpLabel} (maybe with more after it). */
    public boolean warmUp() {
        return label.contains(WARM_UP);
    }

    public StepResult with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put(key, value);
        return new StepResult(label, targetRate, durationSeconds, offeredPerSecond, scheduled, sent, sendFailures,
                acked, expectedDeliveries, delivered, deliveredPerSecond, ackedPerSecond, lost, duplicates, misdirected,
                late, errors, maxScheduleLagMs, latency, ackLatency, windows, more);
    }
}
