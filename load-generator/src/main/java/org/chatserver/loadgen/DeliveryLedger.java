package org.chatserver.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Who should receive what, and who did. Each message gets a run-wide sequence number, its sender
 * and the number of clients that should receive it: the other members of the sender's room. Every
 * receipt is checked first against those intended recipients (a receipt by the sender itself or in
 * another room is misdirected, and never counts as a delivery, so it cannot hide a loss elsewhere),
 * then against the receiver's own record of what it already saw (a duplicate), and counted once
 * otherwise. When a step ends, whatever was not received within the grace period is lost.
 *
 * <p>Messages belong to the step during which they were registered. Steps run one after another.
 */
public final class DeliveryLedger {

    private static final int CHUNK_BITS = 14;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int MAX_CHUNKS = 1 << 13;

    private final AtomicReferenceArray<Chunk> chunks = new AtomicReferenceArray<>(MAX_CHUNKS);
    private final AtomicLong nextSeq = new AtomicLong();
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();
    private final LongAdder foreign = new LongAdder();
    private final LongAdder ackFrames = new LongAdder();
    private volatile Step current;

    /**
     * A receiving client's memory of what it has seen; used only from that client's receiving thread.
     * Its audience is the room it listens to: messages sent there by others are meant for it.
     */
    public static final class Receiver {
        private final String audience;
        private final BitSet seen = new BitSet();

        public Receiver(String audience) {
            this.audience = java.util.Objects.requireNonNull(audience, "audience");
        }

        boolean isMeantFor(Receiver sender) {
            return sender != null && this != sender && audience.equals(sender.audience);
        }
    }

    public Step beginStep(String label, double targetRate) {
        Step previous = current;
        if (previous != null && !previous.sendingEnded()) {
            throw new IllegalStateException("step " + previous.label + " still sending");
        }
        Step step = new Step(label, targetRate, nextSeq.get(), System.nanoTime());
        steps.add(step);
        current = step;
        return step;
    }

    /**
     * A message about to be sent by {@code sender}, due at {@code intendedNanos}, that the
     * {@code expectedRecipients} other clients of the sender's audience should receive. Register
     * BEFORE sending: receipts may arrive before the send completes.
     */
    public long register(Receiver sender, int expectedRecipients, long intendedNanos) {
        Step step = current;
        if (step == null) {
            throw new IllegalStateException("no step begun");
        }
        long seq = nextSeq.getAndIncrement();
        Chunk chunk = chunk(seq, true);
        int slot = slot(seq);
        chunk.intended.set(slot, intendedNanos);
        chunk.expected.set(slot, expectedRecipients);
        chunk.sender.set(slot, sender);
        step.scheduled.increment();
        return seq;
    }

    /** The outcome of sending message {@code seq}; a failed send was never received by anyone, so it is not lost but failed. */
    public void sendCompleted(long seq, Throwable failure) {
        Step step = stepOf(seq);
        if (step == null) {
            return;
        }
        if (failure == null) {
            step.sent.increment();
        } else {
            chunk(seq, false).expected.set(slot(seq), 0);
            step.sendFailures.increment();
            error("send failed: " + (failure instanceof ChatHttp.HttpFailure refused ? "HTTP " + refused.status()
                    : failure.getClass().getSimpleName()));
        }
    }

    /** The server confirmed it stored message {@code seq}. A second ack of the same message is not counted. */
    public void acked(long seq, long nowNanos) {
        ackFrames.increment();
        Step step = stepOf(seq);
        Chunk chunk = step == null ? null : chunk(seq, false);
        if (chunk == null || !chunk.acked.compareAndSet(slot(seq), 0, 1)) {
            return;
        }
        step.acked.increment();
        step.ackLatency.recordValue(LatencySummary.clampMicros(nowNanos - chunk.intended.get(slot(seq))));
    }

    /** {@code receiver} got a message of ours at {@code nowNanos}. */
    public void delivered(Receiver receiver, Payload payload, long nowNanos) {
        delivered(receiver, payload.seq(), payload.intendedNanos(), nowNanos);
    }

    /** As {@link #delivered(Receiver, Payload, long)}, with the payload's two numbers read in place. */
    public void delivered(Receiver receiver, long seq, long intendedNanos, long nowNanos) {
        Step step = stepOf(seq);
        if (step == null || seq >= nextSeq.get()) {
            foreign.increment();
            return;
        }
        if (!receiver.isMeantFor(chunk(seq, false).sender.get(slot(seq)))) {
            // an echo to the sender or a message in the wrong room: wrong however often it happens
            step.misdirected.increment();
            return;
        }
        if (seq > Integer.MAX_VALUE || receiver.seen.get((int) seq)) {
            step.duplicates.increment();
            return;
        }
        receiver.seen.set((int) seq);
        if (step.closed) {
            step.late.increment();
            return;
        }
        chunk(seq, false).delivered.incrementAndGet(slot(seq));
        step.delivered.increment();
        step.latency.recordValue(LatencySummary.clampMicros(nowNanos - intendedNanos));
    }

    /** Something went wrong that a user would notice: an error frame, an unexpected close, a failed HTTP call. */
    public void error(String kind) {
        errorsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
        Step step = current;
        if (step != null) {
            step.errors.increment();
        }
    }

    /** No more messages are registered for {@code step}. */
    public void endSending(Step step) {
        step.endSeq = nextSeq.get();
        step.sendEndNanos = System.nanoTime();
    }

    /**
     * Waits until every expected receipt of the step arrived or {@code grace} passed, then closes
     * the step: receipts after this are late, and what is missing is lost.
     */
    public StepResult close(Step step, Duration grace, boolean acksExpected) throws InterruptedException {
        if (!step.sendingEnded()) {
            endSending(step);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline
                && (outstanding(step) > 0 || (acksExpected && step.acked.sum() < step.sent.sum()))) {
            Thread.sleep(20);
        }
        step.closed = true;
        // receipts that passed the closed check just before it was set finish counting
        Thread.sleep(50);
        return step.result(outstanding(step), expected(step));
    }

    public Step current() {
        return current;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public long foreignMessages() {
        return foreign.sum();
    }

    /** Whether the server acknowledges messages to their sender at all (the original server does not). */
    public boolean sawAcks() {
        return ackFrames.sum() > 0;
    }

    public Map<String, Long> errorsByKind() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        errorsByKind.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    private long outstanding(Step step) {
        long missing = 0;
        for (long seq = step.firstSeq; seq < step.endSeq; seq++) {
            Chunk chunk = chunk(seq, false);
            int slot = slot(seq);
            missing += Math.max(0, chunk.expected.get(slot) - chunk.delivered.get(slot));
        }
        return missing;
    }

    private long expected(Step step) {
        long total = 0;
        for (long seq = step.firstSeq; seq < step.endSeq; seq++) {
            total += chunk(seq, false).expected.get(slot(seq));
        }
        return total;
    }

    private Step stepOf(long seq) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step step = steps.get(i);
            if (step.firstSeq <= seq) {
                return seq < step.endSeq ? step : (step.sendingEnded() ? null : step);
            }
        }
        return null;
    }

    private Chunk chunk(long seq, boolean create) {
        int index = (int) (seq >>> CHUNK_BITS);
        if (index >= MAX_CHUNKS) {
            throw new IllegalStateException("more than " + ((long) MAX_CHUNKS << CHUNK_BITS) + " messages in one run");
        }
        Chunk chunk = chunks.get(index);
        if (chunk == null && create) {
            chunks.compareAndSet(index, null, new Chunk());
            chunk = chunks.get(index);
        }
        return chunk;
    }

    private static int slot(long seq) {
        return (int) (seq & (CHUNK_SIZE - 1));
    }

    private static final class Chunk {
        final AtomicLongArray intended = new AtomicLongArray(CHUNK_SIZE);
        final AtomicIntegerArray expected = new AtomicIntegerArray(CHUNK_SIZE);
        final AtomicIntegerArray delivered = new AtomicIntegerArray(CHUNK_SIZE);
        final AtomicIntegerArray acked = new AtomicIntegerArray(CHUNK_SIZE);
        final AtomicReferenceArray<Receiver> sender = new AtomicReferenceArray<>(CHUNK_SIZE);
    }

    /** One stretch of load at one setting; counters are live while it runs. */
    public static final class Step {
        final String label;
        final double targetRate;
        final long firstSeq;
        final long startNanos;
        volatile long endSeq = Long.MAX_VALUE;
        volatile long sendEndNanos;
        volatile boolean closed;
        final LongAdder scheduled = new LongAdder();
        final LongAdder sent = new LongAdder();
        final LongAdder sendFailures = new LongAdder();
        final LongAdder acked = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder misdirected = new LongAdder();
        final LongAdder late = new LongAdder();
        final LongAdder errors = new LongAdder();
        final Recorder latency = new Recorder(LatencySummary.HIGHEST_MICROS, 3);
        final Recorder ackLatency = new Recorder(LatencySummary.HIGHEST_MICROS, 3);
        private final Histogram latencyTotal = LatencySummary.newHistogram();
        private final Histogram ackTotal = LatencySummary.newHistogram();
        private final AtomicLong maxLagNanos = new AtomicLong();
        private final List<LatencyWindow> windows = new ArrayList<>();
        private long windowStartNanos;

        Step(String label, double targetRate, long firstSeq, long startNanos) {
            this.label = label;
            this.targetRate = targetRate;
            this.firstSeq = firstSeq;
            this.startNanos = startNanos;
            this.windowStartNanos = startNanos;
        }

        boolean sendingEnded() {
            return endSeq != Long.MAX_VALUE;
        }

        public String label() {
            return label;
        }

        /** How late the generator itself was against its schedule; large values mean the tool, not only the server, fell behind. */
        public void scheduleLag(long lagNanos) {
            maxLagNanos.accumulateAndGet(lagNanos, Math::max);
        }

        /**
         * Latency since the previous call (for progress lines); kept for the step's total, and as one of the step's
         * windows.
         */
        public synchronized LatencySummary interval() {
            Histogram interval = latency.getIntervalHistogram();
            latencyTotal.add(interval);
            ackTotal.add(ackLatency.getIntervalHistogram());
            LatencySummary recent = LatencySummary.of(interval);
            long now = System.nanoTime();
            windows.add(new LatencyWindow(round((windowStartNanos - startNanos) / 1e9), round((now - startNanos) / 1e9),
                    recent));
            windowStartNanos = now;
            return recent;
        }

        public String progressLine() {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            LatencySummary recent = interval();
            return String.format(java.util.Locale.ROOT,
                    "[%s] %5.1fs sent=%d acked=%d delivered=%d dup=%d misdirected=%d errors=%d recent p50=%.1fms"
                            + " p99=%.1fms max=%.1fms",
                    label, seconds, sent.sum(), acked.sum(), delivered.sum(), duplicates.sum(), misdirected.sum(),
                    errors.sum(),
                    recent.p50Ms(), recent.p99Ms(), recent.maxMs());
        }

        synchronized StepResult result(long lost, long expected) {
            interval();
            double seconds = ((sendEndNanos == 0 ? System.nanoTime() : sendEndNanos) - startNanos) / 1e9;
            return new StepResult(label, targetRate, round(seconds), round(scheduled.sum() / seconds),
                    scheduled.sum(), sent.sum(), sendFailures.sum(), acked.sum(), expected, delivered.sum(),
                    round(delivered.sum() / seconds), round(acked.sum() / seconds), lost, duplicates.sum(),
                    misdirected.sum(), late.sum(), errors.sum(), maxLagNanos.get() / 1e6, LatencySummary.of(latencyTotal),
                    LatencySummary.of(ackTotal), List.copyOf(windows), Map.of());
        }

        private static double round(double value) {
            return Math.round(value * 10) / 10.0;
        }
    }
}
