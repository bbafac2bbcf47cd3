package com.sealflow.simulator.people;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU used during a step by the server (from {@code /proc/<pid>/stat}, when its pid is known and on Linux) and by
 * this load tool itself, plus the machine's load average: with other work on the machine, latencies alone
 * mislead, and CPU per operation does not depend on how busy the machine is.
 */
final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0;

    private final long serverPid;
    private final double serverStart;
    private final double toolStart;
    private final String loadStart;

    private CpuMeter(long serverPid) {
        this.serverPid = serverPid;
        this.serverStart = serverSeconds(serverPid);
        this.toolStart = toolSeconds();
        this.loadStart = loadAverage();
    }

    /** Starts measuring; {@code serverPid} 0 when the server's process is unknown or remote. */
    static CpuMeter start(long serverPid) {
        return new CpuMeter(serverPid);
    }

    /** One line: CPU seconds of server and tool since {@link #start}, per operation and as cores, and the load. */
    String summary(long operations, double seconds) {
        double server = serverSeconds(serverPid) - serverStart;
        double tool = toolSeconds() - toolStart;
        String serverPart = serverPid <= 0 || Double.isNaN(server) ? "server CPU unknown (no --server-pid)"
            : String.format(Locale.ROOT, "server CPU %.1f s = %.2f ms per operation (%.2f cores)", server,
                operations == 0 ? Double.NaN : server * 1000 / operations, server / seconds);
        return String.format(Locale.ROOT, "%s; load tool CPU %.1f s (%.2f cores); load average %s -> %s", serverPart, tool,
            tool / seconds, loadStart, loadAverage());
    }

    private static double serverSeconds(long pid) {
        if (pid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double toolSeconds() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
