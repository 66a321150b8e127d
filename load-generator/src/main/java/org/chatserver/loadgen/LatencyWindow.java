package org.chatserver.loadgen;

/**
 * The receipts of one stretch of a step, by when they arrived: from {@code fromSeconds} to {@code toSeconds} after
 * the step began. A step's windows follow its progress lines ({@code --progress}), so a cold server's first seconds
 * stand apart from the rest of its step in the report, not only on the console.
 */
public record LatencyWindow(double fromSeconds, double toSeconds, LatencySummary latency) {
}
