package org.chatserver.loadgen;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One member's view of a room set against what the server acknowledged: every acknowledged message must
 * reach the member once, all of them in increasing message id, and nothing it was not acknowledged for
 * (the promise of group commit: one gap-free order, acked only after commit). Acks may be recorded from
 * any thread; the member's receipts from its one receiving thread.
 */
final class ArrivalOrder {

    private final Set<Long> acked = ConcurrentHashMap.newKeySet();
    private long[] observed = new long[1024];
    private int observedCount;

    /** The server acknowledged the post it stored as {@code messageId}. */
    void acked(long messageId) {
        acked.add(messageId);
    }

    /** The member received the message {@code messageId}, in this order. */
    synchronized void observed(long messageId) {
        if (observedCount == observed.length) {
            observed = Arrays.copyOf(observed, observedCount * 2);
        }
        observed[observedCount++] = messageId;
    }

    /**
     * What a client would notice, as measurements: {@code order_violations} (a receipt not above the one
     * before it: out of order or twice), {@code acked_not_observed} (a gap), {@code observed_not_acked},
     * and {@code one_gap_free_order} when all three are zero and something was acked.
     */
    synchronized Map<String, Object> verdict() {
        long violations = 0;
        long notAcked = 0;
        Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < observedCount; i++) {
            long id = observed[i];
            if (i > 0 && id <= observed[i - 1]) {
                violations++;
            }
            seen.add(id);
            if (!acked.contains(id)) {
                notAcked++;
            }
        }
        long missing = acked.stream().filter(id -> !seen.contains(id)).count();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("observed_messages", (long) observedCount);
        m.put("order_violations", violations);
        m.put("acked_not_observed", missing);
        m.put("observed_not_acked", notAcked);
        m.put("one_gap_free_order", !acked.isEmpty() && violations == 0 && missing == 0 && notAcked == 0);
        return m;
    }
}
