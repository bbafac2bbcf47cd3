package com.sealflow.server.evidence;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark JVM's CPU time split by who spent it: the control server (Vert.x threads, its own MQTT link, photo
 * writers and checks), the embedded broker, the simulated devices (their MQTT clients, the benchmark's publishing and
 * upload threads), and the JVM itself (JIT compilers, GC: the process's CPU that no Java thread accounts for). Threads
 * that ended before the print are missed (counted as JVM); the benchmark's threads live through a run.
 */
final class CpuSplit {

    private static final String[] GROUPS = {"server", "broker", "devices", "other threads", "JVM (JIT, GC)"};
    private final Map<Long, Long> startThreads = new HashMap<>();
    private final long startTotal;
    private final long startCompileMs = compileMs();
    private final long startGcMs = gcMs();

    CpuSplit() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (long id : mx.getAllThreadIds()) {
            startThreads.put(id, Math.max(0, mx.getThreadCpuTime(id)));
        }
        startTotal = IngestRuns.processCpuNanos();
    }

    /** Prints each group's CPU since this split was made, in ms per press and as a share. */
    void print(long presses) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new LinkedHashMap<>();
        Map<String, Long> server = new LinkedHashMap<>();
        long threads = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            long cpu = t == null ? -1 : mx.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                long d = cpu - startThreads.getOrDefault(t.getThreadId(), 0L);
                groups.merge(group(t.getThreadName()), d, Long::sum);
                if ("server".equals(group(t.getThreadName()))) {
                    server.merge(serverPart(t.getThreadName()), d, Long::sum);
                }
                threads += d;
            }
        }
        long total = IngestRuns.processCpuNanos() - startTotal;
        groups.put("JVM (JIT, GC)", total - threads);
        StringBuilder line = new StringBuilder("  CPU by part (ms per press, share):");
        for (String g : GROUPS) {
            long d = groups.getOrDefault(g, 0L);
            line.append(String.format(Locale.ROOT, " %s %.2f (%.0f %%);", g, d / 1e6 / presses, 100.0 * d / Math.max(1, total)));
        }
        System.out.println(line);
        StringBuilder parts = new StringBuilder("    the server's threads (ms per press):");
        server.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .forEach(e -> parts.append(String.format(Locale.ROOT, " %s %.3f;", e.getKey(), e.getValue() / 1e6 / presses)));
        System.out.println(parts);
        System.out.printf(Locale.ROOT, "    JIT compiling %.3f ms per press, GC pauses and cycles %.3f ms per press "
            + "(the JVM's own time, not CPU)%n", (double) (compileMs() - startCompileMs) / presses,
            (double) (gcMs() - startGcMs) / presses);
    }

    private static long compileMs() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit == null || !jit.isCompilationTimeMonitoringSupported() ? 0 : jit.getTotalCompilationTime();
    }

    private static long gcMs() {
        long ms = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    /** The server's threads by kind: the pool's or loop's name without its number. */
    static String serverPart(String name) {
        if (name.startsWith("MQTT ")) {
            return "MQTT link (" + name.substring(0, name.indexOf(':') < 0 ? name.length() : name.indexOf(':')) + ")";
        }
        return name.replaceAll("-?\\d+$", "");
    }

    static String group(String name) {
        if (name.startsWith("MQTT ")) {
            // Paho's threads are named after the client id: the devices' ids (IM-001 …), or the server's link
            String id = name.substring(name.indexOf(':') + 1).trim();
            return id.matches("I[MPLR]-\\d+") ? "devices" : "server";
        }
        if (name.startsWith("vert.x-") || name.startsWith("sealflow-") || name.startsWith("mqtt-link")) {
            return "server";
        }
        if (name.contains("hivemq") || name.startsWith("single-writer") || name.startsWith("globalEventExecutor")
            || name.startsWith("scheduled-persistence") || name.startsWith("async-iterator")) {
            return "broker";
        }
        if (name.startsWith("Thread-") || name.startsWith("upload-") || name.startsWith("HttpClient")) {
            return "devices";
        }
        return "other threads";
    }
}
