package com.sealflow.server.device;

import java.io.IOException;
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
 */
final class UnlockBenchCpu {

    private static final double TICK_MS = 10.0; // USER_HZ = 100 on Linux

    private final Map<String, Long> ticksByTask;
    private final long processNanos;

    private UnlockBenchCpu(Map<String, Long> ticksByTask, long processNanos) {
        this.ticksByTask = ticksByTask;
        this.processNanos = processNanos;
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
    }
}
