package com.sealflow.server.evidence;

import com.sealflow.protocol.keys.Ed25519Keys;
import com.sealflow.server.BenchServer;
import com.sealflow.server.SealFlowServer;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.Database;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Press ingest and offline replay benchmarks, as a command (never a timed test). Starts a control server (embedded
 * HiveMQ, SQLite or PostgreSQL) in this JVM, enrols devices through the real API, connects them with their own MQTT
 * credentials and sends signed, chained press events at QoS 1, then uploads each photo over HTTP with the device's
 * bearer token. Modes:
 * <ul>
 *   <li>{@code photos}: steady presses with photos of {@code --photo-kb} KB at {@code --rate}/s (target 200/s);</li>
 *   <li>{@code metadata}: press events only at {@code --rate}/s (target 5,000/s);</li>
 *   <li>{@code replay}: devices that were offline with {@code --journal} journaled presses+photos each reconnect and
 *       replay as fast as they can (target 200 presses/s with photos) while live devices keep pressing; the live
 *       events' latency is what must stay low (target p99 <= 2 s).</li>
 * </ul>
 * Exits non-zero only when events or photos were lost or failed, never for a missed target. See docs/benchmarks.md.
 */
public final class IngestBench {

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchServer.options(args);
        String mode = o.getOrDefault("mode", "photos");
        boolean postgres = BenchServer.postgres(o);
        int photoKb = Integer.parseInt(o.getOrDefault("photo-kb", "metadata".equals(mode) ? "0" : "200"));
        BenchPhotos photos = photoKb > 0 ? BenchPhotos.ofSize(photoKb * 1024) : null;
        System.out.printf(Locale.ROOT, "SealFlow ingest benchmark, mode %s, %s, embedded HiveMQ (MQTT 5, QoS 1), load average %s%n", mode,
            postgres ? "PostgreSQL (embedded)" : "SQLite", loadAverage());
        printVerifyCost();
        if (photos != null) {
            printCheckCost(photos);
        }
        Path dir = Files.createTempDirectory("sealflow-ingest-");
        SealFlowServer server = BenchServer.start(dir, postgres);
        if (o.containsKey("broker-window")) {
            // the embedded broker's window toward the server (EmbeddedBroker.IN_FLIGHT_WINDOW), read at every send: to
            // measure another one, e.g. HiveMQ's own 50
            com.hivemq.configuration.service.InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES =
                Integer.parseInt(o.get("broker-window"));
        }
        System.out.printf(Locale.ROOT, "  broker's in-flight window toward the server: %d%n",
            com.hivemq.configuration.service.InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES);
        String base = BenchServer.base(server);
        IngestLoad load = new IngestLoad(base, photos);
        server.devices().setEventSink(load.observe(server.evidence().intake()));
        boolean ok;
        List<BenchDevice> all = new ArrayList<>();
        try {
            ok = switch (mode) {
                case "photos", "metadata" -> IngestRuns.steady(o, server, load, photos, all);
                case "replay" -> IngestRuns.replay(o, server, load, photos, all);
                default -> throw new IllegalArgumentException("--mode photos | metadata | replay");
            };
            ok &= verify(server.platform().db(), load, all, photos != null);
        } finally {
            load.close();
            all.forEach(BenchDevice::close);
            server.stopAndWait();
            // the run's database and photos (hundreds of MB for a photo run): kept only with --keep-data yes
            if (!o.containsKey("keep-data")) {
                deleteTree(dir);
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %s%n%s%n", loadAverage(), ok ? "OK (no event or photo lost)"
            : "ERRORS: events or photos lost or failed");
        System.exit(ok ? 0 : 1);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** What checking one event's Ed25519 signature costs: the JDK's EdDSA, and the intake's own check (Bouncy Castle). */
    private static void printVerifyCost() {
        KeyPair keys = Ed25519Keys.generate();
        BenchDevice d = new BenchDevice("COST", keys.getPrivate(), null, null, null);
        List<com.sealflow.protocol.evidence.SignedDeviceEvent> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String json = new String(d.sign(null).payload(), java.nio.charset.StandardCharsets.UTF_8);
            events.add(ParsedEvent.parse(new JsonObject(json)).signed());
        }
        long t0 = 0;
        for (int i = 0; i < events.size(); i++) {
            if (i == 20) {
                t0 = System.nanoTime();
            }
            com.sealflow.protocol.evidence.EvidenceCodec.signatureValid(events.get(i), keys.getPublic());
        }
        double jdk = (System.nanoTime() - t0) / 1e6 / (events.size() - 20);
        List<ParsedEvent> parsed = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            parsed.add(ParsedEvent.parse(new JsonObject(new String(d.sign(null).payload(), java.nio.charset.StandardCharsets.UTF_8))));
        }
        for (int i = 0; i < parsed.size(); i++) {
            if (i == parsed.size() / 2) {
                t0 = System.nanoTime();
            }
            if (parsed.get(i).ownProblem("COST", keys.getPublic()) != null) {
                throw new IllegalStateException("the bench's own event does not verify");
            }
        }
        System.out.printf(Locale.ROOT, "  Ed25519 signature check per event on one thread: JDK EdDSA %.2f ms; the intake's check "
            + "(hash + Bouncy Castle) %.3f ms%n", jdk, (System.nanoTime() - t0) / 1e6 / (parsed.size() / 2));
        printKeyCost(keys, parsed);
    }

    /**
     * Thread CPU per event of the intake's check with the device's key kept decoded ({@link DeviceKey}) and with the key
     * decoded for every event (what happens once a fleet has more keys than a shared cache holds).
     */
    private static void printKeyCost(KeyPair keys, List<ParsedEvent> parsed) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        DeviceKey kept = DeviceKey.of(keys.getPublic());
        double[] us = new double[2];
        for (int round = 0; round < 3; round++) {
            for (int way = 0; way < 2; way++) {
                long c0 = threads.getCurrentThreadCpuTime();
                for (ParsedEvent p : parsed) {
                    DeviceKey key = way == 0 ? kept : DeviceKey.of(keys.getPublic());
                    if (p.ownProblem("COST", key) != null) {
                        throw new IllegalStateException("the bench's own event does not verify");
                    }
                }
                us[way] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / parsed.size();
            }
        }
        System.out.printf(Locale.ROOT, "  the intake's check, thread CPU per event (third round of %d): key kept decoded %.1f us; key "
            + "decoded for each event %.1f us%n", parsed.size(), us[0], us[1]);
    }

    /**
     * What the server's impression check costs per photo of this size, in CPU of one thread: as the server runs it (OpenCV's
     * reduced decode where it settles the photo) and the pure-Java read of the raw components it falls back to.
     */
    private static void printCheckCost(BenchPhotos photos) {
        byte[] sample = photos.photo("cost");
        ImpressionCheck.Result r = ImpressionCheck.check(sample);
        double server = cpuPerCall(() -> ImpressionCheck.check(sample));
        double java = cpuPerCall(() -> ImpressionCheck.checkComponents(sample));
        System.out.printf(Locale.ROOT, "  photo %d KB; server impression check %.2f ms CPU per photo on one thread (%s; pure-Java read "
            + "%.2f ms), red %.4f, luma sd %.1f, flags %s; check threads: %d%n", photos.size() / 1024, server,
            ReducedJpeg.available() && ReducedJpeg.decisive(r) ? "OpenCV reduced decode" : "pure Java", java, r.redFraction(),
            r.lumaStdDev(), r.flags(), PhotoChecks.THREADS);
    }

    /** CPU milliseconds of this thread per call, after a warm-up. */
    private static double cpuPerCall(Runnable call) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 30; i++) {
            call.run();
        }
        int runs = 60;
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < runs; i++) {
            call.run();
        }
        return (mx.getCurrentThreadCpuTime() - t0) / 1e6 / runs;
    }

    /** Enrols {@code n} devices named {@code prefix-NNN} through the API, each with its own key and credentials. */
    static List<BenchDevice> enrol(String base, String prefix, int n) {
        TestHttp admin = new TestHttp(base);
        admin.get("/api/auth/csrf");
        check(admin.post("/api/auth/login", new JsonObject().put("username", "admin").put("password", "sealflow")));
        TestHttp agent = new TestHttp(base);
        List<BenchDevice> devices = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String id = String.format(Locale.ROOT, "%s-%03d", prefix, i);
            check(admin.post("/api/devices", new JsonObject().put("id", id).put("serialNo", "SN-" + id).put("kind", "SEAL_DEVICE")
                .put("location", "bench")));
            String code = check(admin.post("/api/devices/" + id + "/enrolment-code", new JsonObject())).json().getString("code");
            KeyPair keys = Ed25519Keys.generate();
            JsonObject e = check(agent.post("/api/device/v1/enroll", new JsonObject().put("code", code)
                .put("publicKey", Ed25519Keys.publicKeyToBase64(keys.getPublic())).put("firmware", "bench-1"))).json();
            devices.add(new BenchDevice(id, keys.getPrivate(), e.getJsonObject("mqtt").getString("url"),
                e.getJsonObject("mqtt").getString("password"), e.getJsonObject("http").getString("token")));
        }
        return devices;
    }

    /** Counts in the database what the run should have left there: every event once, every photo stored. */
    private static boolean verify(Database db, IngestLoad load, List<BenchDevice> devices, boolean withPhotos) throws Exception {
        List<String> ids = devices.stream().map(d -> d.id).toList();
        long events = 0;
        long stored = 0;
        long presses = 0;
        Map<String, Long> flags = new HashMap<>();
        for (String id : ids) {
            events += count(db, "SELECT COUNT(*) AS n FROM device_event WHERE device_id = $1", id);
            presses += count(db, "SELECT COUNT(*) AS n FROM press WHERE device_id = $1", id);
            stored += count(db, "SELECT COUNT(*) AS n FROM press WHERE device_id = $1 AND photo_stored = 1", id);
            for (Row r : db.execute("SELECT kind, COUNT(*) AS n FROM evidence_anomaly WHERE device_id = $1 GROUP BY kind", id)
                .await(30, TimeUnit.SECONDS)) {
                flags.merge(r.getString("kind"), r.getLong("n"), Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "  database: %d events, %d presses, %d photos stored; flags %s; QoS 1 repeats seen %d%n", events,
            presses, stored, flags, load.duplicates.get());
        if (withPhotos) {
            printChecks(db, ids);
        }
        boolean ok = load.notIngested() == 0 && load.errors.get() == 0 && load.uploadErrors.get() == 0;
        if (!ok) {
            System.out.printf(Locale.ROOT, "  NOT ingested %d, publish errors %d, upload errors %d; first: %s%n", load.notIngested(),
                load.errors.get(), load.uploadErrors.get(), load.firstError());
        }
        return ok && presses == events && (!withPhotos || stored == presses);
    }

    /** Waits for the impression checks (they follow the uploads) and prints how far behind the uploads they ran. */
    private static void printChecks(Database db, List<String> ids) throws Exception {
        long t0 = System.nanoTime();
        long cpu0 = IngestRuns.processCpuNanos();
        long end = t0 + TimeUnit.MINUTES.toNanos(15);
        long left = Long.MAX_VALUE;
        while (left > 0 && System.nanoTime() < end) {
            left = 0;
            for (String id : ids) {
                left += count(db, "SELECT COUNT(*) AS n FROM press WHERE device_id = $1 AND photo_stored = 1 AND photo_checked_at IS NULL",
                    id);
            }
            if (left > 0) {
                Thread.sleep(200);
            }
        }
        double backlogCpu = (IngestRuns.processCpuNanos() - cpu0) / 1e6;
        if (IngestRuns.runPresses > 0) {
            System.out.printf(Locale.ROOT, "  all in, through the last impression check: process CPU %.1f s while the check backlog "
                + "cleared, "
                + "%.2f ms per press with the run's%n", backlogCpu / 1000, (IngestRuns.runCpuMillis + backlogCpu) / IngestRuns.runPresses);
        }
        com.sealflow.simulator.load.Latencies lag = new com.sealflow.simulator.load.Latencies();
        for (String id : ids) {
            for (Row r : db.execute("SELECT p.photo_checked_at - f.stored_at AS lag FROM press p JOIN evidence_photo f ON f.sha256 = "
                + "p.photo_sha256 WHERE p.device_id = $1 AND p.photo_checked_at IS NOT NULL", id).await(30, TimeUnit.SECONDS)) {
                lag.add(r.getLong("lag") * 1_000_000L);
            }
        }
        System.out.printf(Locale.ROOT, "  impression checks (after the upload's 2xx, check threads: %d): %s; backlog gone %.1f s after "
            + "the last upload; check threads' CPU %.2f ms per photo over the whole run (warm-up and JIT included)%n"
            + "    photo stored -> checked (flags raised)  %s%n", PhotoChecks.THREADS, left == 0 ? "all done" : left + " NOT done",
            (System.nanoTime() - t0) / 1e9, checkThreadsCpuNanos() / 1e6 / Math.max(1, lag.count()), lag.summary());
    }

    /** CPU time of the server's impression-check threads since they started. */
    private static long checkThreadsCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("sealflow-photo-check")) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    private static long count(Database db, String sql, String id) throws Exception {
        return db.execute(sql, id).await(30, TimeUnit.SECONDS).iterator().next().getLong("n");
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static TestHttp.Res check(TestHttp.Res res) {
        if (res.status() / 100 != 2) {
            throw new IllegalStateException("HTTP " + res.status() + ": " + res.body());
        }
        return res;
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
