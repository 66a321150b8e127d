package org.chatserver.loadgen;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The load generator's own CPU time (this JVM, all threads, user and kernel) and the whole machine's
 * busy time (/proc/stat), so that a step can say how much of the shared cores the tool itself took:
 * on one machine every CPU second of the tool is one the server did not get.
 */
public final class CpuMeter {

    /** One reading: wall clock, this process's CPU time, the machine's busy and total clock ticks (-1 without /proc). */
    public record Sample(long wallNanos, long processCpuNanos, long machineBusyTicks, long machineTotalTicks) {
    }

    private CpuMeter() {
    }

    public static Sample now() {
        long[] machine = machineTicks();
        return new Sample(System.nanoTime(), processCpuNanos(), machine[0], machine[1]);
    }

    /** CPU time of this JVM in nanoseconds, or -1 where the JDK cannot say. */
    public static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * What the tool spent between {@code from} and {@code to}, for {@code receipts} deliveries, as step
     * extras: its CPU seconds, CPU seconds per million receipts, its share of the machine's capacity
     * (all cores over the wall time) and of the machine's busy time.
     */
    public static Map<String, Object> between(Sample from, Sample to, long receipts) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (from.processCpuNanos() < 0 || to.processCpuNanos() < 0) {
            return extra;
        }
        double cpuSeconds = (to.processCpuNanos() - from.processCpuNanos()) / 1e9;
        double wallSeconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        extra.put("tool_cpu_seconds", round(cpuSeconds, 3));
        if (receipts > 0) {
            extra.put("tool_cpu_seconds_per_million_receipts", round(cpuSeconds / receipts * 1e6, 2));
        }
        if (wallSeconds > 0) {
            extra.put("tool_cpu_percent_of_machine", round(100 * cpuSeconds / (wallSeconds * cores), 1));
        }
        long busy = to.machineBusyTicks() - from.machineBusyTicks();
        long total = to.machineTotalTicks() - from.machineTotalTicks();
        if (from.machineTotalTicks() >= 0 && total > 0) {
            extra.put("machine_busy_percent", round(100.0 * busy / total, 1));
            // /proc/stat counts in USER_HZ ticks (100 a second on Linux)
            if (busy > 0) {
                extra.put("tool_percent_of_busy", round(Math.min(100, 100 * cpuSeconds / (busy / 100.0)), 1));
            }
        }
        return extra;
    }

    /** Busy and total ticks of all cores from the first line of /proc/stat, or -1s. */
    static long[] machineTicks() {
        try {
            return parseStat(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    static long[] parseStat(String cpuLine) {
        String[] f = cpuLine.strip().split("\\s+");
        long total = 0;
        long idle = 0;
        // cpu user nice system idle iowait irq softirq steal (guest times are already in user)
        for (int i = 1; i < Math.min(f.length, 9); i++) {
            long v = Long.parseLong(f[i]);
            total += v;
            if (i == 4 || i == 5) {
                idle += v;
            }
        }
        return new long[] {total - idle, total};
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
