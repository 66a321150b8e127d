package org.chatserver.loadgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Memory and file limits from Linux /proc: the only portable-enough view of another process. */
public final class ProcStatus {

    private ProcStatus() {
    }

    /** VmRSS of {@code pid} in bytes, or -1 when it cannot be read. */
    public static long rssBytes(long pid) {
        try {
            return parseRss(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long parseRss(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).strip().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return -1;
    }

    /** The soft "Max open files" limit of {@code pid} ("self" for this JVM), or -1 when unknown or unlimited. */
    public static long openFilesLimit(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time of {@code pid} in seconds, from /proc/<pid>/stat, or -1 when it cannot be read. */
    public static double cpuSeconds(long pid) {
        try {
            return parseCpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static double parseCpuSeconds(String stat) {
        // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).strip().split("\\s+");
        // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name, in USER_HZ (100) ticks
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }
}
