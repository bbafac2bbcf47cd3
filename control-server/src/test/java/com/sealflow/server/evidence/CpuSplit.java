package com.sealflow.server.evidence;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark JVM's CPU time split by who spent it: the control server (Vert.x threads, its own MQTT link, photo
 * writers and checks), the embedded broker, the simulated devices (their MQTT clients, the benchmark's publishing and
 * upload threads), and the JVM itself (JIT compilers, GC: the process's CPU that no Java thread accounts for). Threads
 * that ended between two snapshots are missed (counted as JVM); the benchmark's threads live through a run.
 */
final class CpuSplit {

    private static final String[] GROUPS = {"server", "broker", "devices", "other threads", "JVM (JIT, GC)"};
    private final Map<String, Long> start;

    CpuSplit() {
        start = snapshot();
    }

    /** Prints each group's CPU since this split was made, in ms per press and as a share. */
    void print(long presses) {
        Map<String, Long> now = snapshot();
        long total = now.get("total") - start.get("total");
        StringBuilder line = new StringBuilder("  CPU by part (ms per press, share):");
        for (String g : GROUPS) {
            long d = now.getOrDefault(g, 0L) - start.getOrDefault(g, 0L);
            line.append(String.format(Locale.ROOT, " %s %.2f (%.0f %%);", g, d / 1e6 / presses, 100.0 * d / Math.max(1, total)));
        }
        System.out.println(line);
    }

    private static Map<String, Long> snapshot() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> out = new LinkedHashMap<>();
        long threads = 0;
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long cpu = mx.getThreadCpuTime(t.getThreadId());
            if (cpu > 0) {
                out.merge(group(t.getThreadName()), cpu, Long::sum);
                threads += cpu;
            }
        }
        long total = IngestRuns.processCpuNanos();
        out.put("JVM (JIT, GC)", total - threads);
        out.put("total", total);
        return out;
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
