package dev.polymaker.benchmarks.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of a process so far, from {@code /proc/<pid>/stat} (fields 14 and 15,
 * in clock ticks of 10 ms on Linux: windows must be seconds long). Linux only.
 */
final class ProcessCpu {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ = 100 on every Linux the JDK runs on

    private ProcessCpu() {
    }

    static long nanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state): utime is field 14, stime field 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the CPU time of process " + pid + " from /proc: " + e, e);
        }
    }

    /** Resident set size in MB, from {@code /proc/<pid>/status}. */
    static long rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/status: " + e, e);
        }
    }
}
