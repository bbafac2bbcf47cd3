package com.sealflow.server.device;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the benchmark JVM's CPU went between two moments, by thread group ({@code /proc/self/task/<tid>/stat}, Linux;
 * digits in thread names are dropped, so the 10 agents' threads of one kind count together). Per final approval these
 * figures move far less with the machine's load than latencies do. Threads that ended in between are only in the total.
 * Also what decides whether a run is slow or fast on a small machine: how busy the whole machine was (all processes,
 * {@code /proc/stat}), the CPU of this JVM's child processes (the embedded PostgreSQL and its backends), the JVM's
 * stop-the-world GC time and its JIT compile time in the same window.
 */
final class UnlockBenchCpu {

    private static final double TICK_MS = 10.0; // USER_HZ = 100 on Linux

    /** The embedded PostgreSQL's postmaster, once known ({@link UnlockBenchWaits}); its CPU counts as the server's. */
    static volatile long postmaster = -1;

    private final Map<String, Long> ticksByTask;
    private final long processNanos;
    private final long wallNanos = System.nanoTime();
    private final long[] machine = machineTicks();
    private final Map<Long, Long> childTicks = childTicks();
    private final long[] gc = gcPauses();
    private final long jitMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();

    private UnlockBenchCpu(Map<String, Long> ticksByTask, long processNanos) {
        this.ticksByTask = ticksByTask;
        this.processNanos = processNanos;
    }

    /** {busy, all} ticks of the whole machine since boot (busy leaves out idle and iowait). */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                all += Long.parseLong(f[i]);
            }
            return new long[] {all - Long.parseLong(f[4]) - Long.parseLong(f[5]), all};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /**
     * utime + stime of every process this JVM started, directly or not, and of the embedded PostgreSQL ({@code pg_ctl}
     * starts it detached, so it is found by its postmaster's pid: the postmaster and its children, the backends).
     */
    private static Map<Long, Long> childTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        ProcessHandle.current().descendants().forEach(p -> ticks(p.pid(), ticks, -1));
        if (postmaster > 0) {
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path proc : procs) {
                    ticks(Long.parseLong(proc.getFileName().toString()), ticks, postmaster);
                }
            } catch (IOException e) {
                // not Linux
            }
        }
        return ticks;
    }

    /** Adds the process's ticks; with {@code parent} > 0 only if it is that process or its child. */
    private static void ticks(long pid, Map<Long, Long> into, long parent) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            if (parent <= 0 || pid == parent || Long.parseLong(f[1]) == parent) {
                into.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
            }
        } catch (IOException | RuntimeException e) {
            // the process just ended
        }
    }

    /** {count, ms} of the collectors that stop the application (G1's concurrent cycle left out). */
    private static long[] gcPauses() {
        long count = 0;
        long ms = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!b.getName().contains("Concurrent")) {
                count += Math.max(0, b.getCollectionCount());
                ms += Math.max(0, b.getCollectionTime());
            }
        }
        return new long[] {count, ms};
    }

    static UnlockBenchCpu now() {
        Map<String, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the thread just ended
                }
            }
        } catch (IOException e) {
            // not Linux: the total below still counts
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new UnlockBenchCpu(ticks, os.getProcessCpuTime());
    }

    /** Prints the JVM's CPU per operation since {@code before}, in total and by thread group (largest first). */
    void printSince(UnlockBenchCpu before, int operations, String what) {
        double totalMs = (processNanos - before.processNanos) / 1e6;
        System.out.printf("  CPU of the whole JVM per %s: %.1f ms (%.0f ms for %d)%n", what, totalMs / operations, totalMs, operations);
        Map<String, Long> groups = new HashMap<>();
        ticksByTask.forEach((task, ticks) -> {
            long delta = ticks - before.ticksByTask.getOrDefault(task, 0L);
            if (delta > 0) {
                String group = task.substring(task.indexOf(' ') + 1).replaceAll("[0-9]+", "N");
                groups.merge(group, delta, Long::sum);
            }
        });
        TreeMap<Long, String> sorted = new TreeMap<>();
        groups.forEach((g, t) -> sorted.merge(-t, g, (a, b) -> a + ", " + b));
        StringBuilder line = new StringBuilder("    by thread (ms per " + what + "):");
        int shown = 0;
        for (Map.Entry<Long, String> e : sorted.entrySet()) {
            if (shown++ == 14) {
                break;
            }
            line.append(String.format(" %s %.1f;", e.getValue(), -e.getKey() * TICK_MS / operations));
        }
        System.out.println(line);
        double wallMs = (wallNanos - before.wallNanos) / 1e6;
        long busy = machine[0] - before.machine[0];
        long all = machine[1] - before.machine[1];
        long children = 0;
        for (Map.Entry<Long, Long> e : childTicks.entrySet()) {
            children += e.getValue() - before.childTicks.getOrDefault(e.getKey(), 0L);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        double busyMs = busy * TICK_MS * cores * wallMs / Math.max(1.0, all * TICK_MS);
        double pgMs = children * TICK_MS;
        System.out.printf("    window %.0f ms: machine %.0f %% busy (%d cores): this JVM %.2f cores, its child processes and the "
                + "embedded PostgreSQL %.2f cores (%.1f ms per %s), other processes %.2f cores; GC pauses %d, %d ms; "
                + "JIT compiling %d ms (wall, summed over compiler threads)%n", wallMs, all == 0 ? Double.NaN : 100.0 * busy / all,
            cores, totalMs / wallMs, pgMs / wallMs, pgMs / operations, what, Math.max(0, busyMs - totalMs - pgMs) / wallMs,
            gc[0] - before.gc[0], gc[1] - before.gc[1], jitMs - before.jitMs);
    }
}
