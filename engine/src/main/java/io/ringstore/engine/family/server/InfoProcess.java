package io.ringstore.engine.family.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Facts about the running process and machine that INFO reports: pid, executable, OS, CPU time,
 * memory. These are the only wall-clock and OS reads a handler makes (Redis reports process
 * facts, not keyspace state, here). Stateless; called on the shard thread running INFO.
 */
final class InfoProcess {
    /** USER_HZ: the unit of /proc/self/stat CPU times, 100 on every mainstream Linux build. */
    private static final int CLOCK_TICKS = 100;

    private InfoProcess() {
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The binary running the server (the JVM launcher). */
    static String executable() {
        return ProcessHandle.current().info().command().orElse("");
    }

    /** "Linux 6.1.0 x86_64", as Redis prints uname's sysname, release and machine. */
    static String os() {
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("amd64")) {
            arch = "x86_64";
        }
        return System.getProperty("os.name", "") + " " + System.getProperty("os.version", "") + " " + arch;
    }

    static String archBits() {
        return System.getProperty("sun.arch.data.model", "64");
    }

    /** JVM heap in use. Eviction will account our own structures instead (ARCHITECTURE invariant 3). */
    static long usedMemory() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long totalSystemMemory() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
        }
        return 0;
    }

    /**
     * User and system CPU time of the process in microseconds, {user, sys}: from /proc/self/stat
     * (utime and stime), or the JVM's process CPU time counted as user when /proc is not there.
     */
    static long[] cpuMicros() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // pid (comm) state ppid ... : comm may hold spaces, so count fields after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return new long[] {utime * 1_000_000L / CLOCK_TICKS, stime * 1_000_000L / CLOCK_TICKS};
        } catch (IOException | RuntimeException e) {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            long ns = os instanceof com.sun.management.OperatingSystemMXBean
                    ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
            return new long[] {Math.max(0, ns / 1000), 0};
        }
    }

    /** Seconds with six decimals, as Redis's "%ld.%06ld". */
    static String seconds(long micros) {
        return (micros / 1_000_000) + "." + String.format(Locale.ROOT, "%06d", micros % 1_000_000);
    }

    /** Redis's bytesToHuman: "512B", "919.47K", "1.50M", "23.54G". */
    static String human(long n) {
        String[] units = {"K", "M", "G", "T", "P"};
        if (n < 1024) {
            return n + "B";
        }
        double d = n;
        for (String u : units) {
            d /= 1024;
            if (d < 1024) {
                return String.format(Locale.ROOT, "%.2f%s", d, u);
            }
        }
        return n + "B"; // beyond petabytes Redis falls back to bytes too
    }
}
