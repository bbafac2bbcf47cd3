package com.sealflow.server.device;

import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.server.BenchServer;
import com.sealflow.server.SealFlowServer;
import com.sealflow.server.TestHttp;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.simulator.Simulator;
import com.sealflow.simulator.SimulatorConfig;
import com.sealflow.simulator.device.DeviceConfig;
import com.sealflow.simulator.device.VirtualDevice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Approval-to-device latency, as a command (never a timed test): starts a control server (embedded broker, SQLite or
 * PostgreSQL), N virtual seal devices (real edge agents, simulated MCUs), prepares requests up to their last
 * approval, then gives the final approvals over HTTP at a fixed rate and reports final approval committed ->
 * token ACCEPTED by the agent (server timestamps: the command row written in the approving transaction, and the
 * arrival of the agent's ACCEPTED answer, so an upper bound), beside it the agent's own time of acceptance (its
 * journal, {@link UnlockBenchAgentSide}), then custodian AUTH -> UNLOCK at the MCU.
 * See docs/benchmarks.md for the command line.
 */
public final class UnlockBench {

    /** Eclipse Hono's published command round trip (the comparison the benchmark prints). */
    private static final String HONO = "Eclipse Hono, published command round trip: p99 279 ms at 300 commands/s";

    private UnlockBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchServer.options(args);
        int devices = Integer.parseInt(o.getOrDefault("devices", "10"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "100"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
        int sessions = Integer.parseInt(o.getOrDefault("sessions", "5"));
        boolean postgres = BenchServer.postgres(o);
        int total = (int) Math.round(rate * seconds);
        // --warm-up N: N final approvals at the same rate before the measured ones (JIT, caches), left out of every figure;
        // then the bench waits until the JIT has compiled what the warm-up made hot (--jit-settle false: it does not)
        int warmUp = Integer.parseInt(o.getOrDefault("warm-up", "0"));
        System.out.printf("SealFlow unlock benchmark: %d devices (real agents, simulated MCUs over TCP), %d final approvals at %.0f/s, "
            + "%s, embedded HiveMQ%n", devices, total, rate, postgres ? "PostgreSQL (embedded)" : "SQLite");
        Path dir = Files.createTempDirectory("sealflow-bench-");
        DatabaseConfig pg = postgres ? TestDatabases.postgresConfig() : null;
        SealFlowServer server = BenchServer.start(dir, pg);
        String base = BenchServer.base(server);
        try {
            TestHttp admin = login(base, "admin");
            String custodian = login(base, "zhengyi").get("/api/me").json().getString("id");
            List<DeviceConfig> configs = new ArrayList<>();
            List<String> seals = new ArrayList<>();
            for (int i = 1; i <= devices; i++) {
                String id = String.format("LD-%03d", i);
                check(admin.post("/api/devices", new JsonObject().put("id", id).put("serialNo", "SN-" + id).put("kind", "SEAL_DEVICE")
                    .put("location", "bench")), 201);
                seals.add(check(admin.post("/api/seals", new JsonObject().put("code", "LD-SEAL-" + i).put("name", "财务专用章 " + i)
                    .put("type", "FINANCE").put("custodianId", custodian).put("deviceId", id)
                    .put("allowedDocumentTypes", new JsonArray().add("FINANCIAL_STATEMENT"))), 201).json().getString("id"));
                String code = check(admin.post("/api/devices/" + id + "/enrolment-code", new JsonObject()), 200).json().getString("code");
                configs.add(DeviceConfig.sealDevice(id).withEnrolmentCode(code).withCustodianPins(Map.of(custodian, "1234")));
            }
            try (Simulator sim = Simulator.start(new SimulatorConfig("127.0.0.1", 0, base, dir.resolve("sim"), false, true, configs))) {
                for (DeviceConfig c : configs) {
                    await(() -> "ONLINE".equals(admin.get("/api/devices/" + c.id()).json().getString("status")), 60_000);
                }
                List<String[]> all = prepare(base, seals, warmUp + total);
                System.out.printf("  prepared %d requests up to their final approval%n", all.size());
                TestHttp finance = login(base, "qianqi");
                if (warmUp > 0) {
                    measureApprovals(finance, all.subList(0, warmUp), rate);
                    awaitAccepted(server, warmUp);
                    System.out.println("  (the " + warmUp + " above were the warm-up; not in the figures below)");
                    if (!"false".equals(o.get("jit-settle"))) {
                        awaitJitQuiet();
                    }
                }
                List<String[]> ready = all.subList(warmUp, all.size());
                System.out.println("  load average before: " + loadAverage());
                long since = System.currentTimeMillis();
                UnlockBenchWaits waits = UnlockBenchWaits.start(pg);
                UnlockBenchCpu cpu = UnlockBenchCpu.now();
                long writerTurns = server.platform().db().writeWaits().count();
                measureApprovals(finance, ready, rate);
                awaitAccepted(server, all.size());
                UnlockBenchCpu.now().printSince(cpu, ready.size(), "final approval (approval to ACCEPTED)");
                System.out.printf("  writer turns (transactions and single writes) per final approval: %.2f%n",
                    (server.platform().db().writeWaits().count() - writerTurns) / (double) ready.size());
                if (waits != null) {
                    waits.close();
                    waits.print();
                }
                report(admin, ready);
                phases(server, since);
                System.out.println("  command written -> token accepted at the agent (its journal's time) "
                    + summary(UnlockBenchAgentSide.writtenToAccepted(server, dir.resolve("sim"), since)));
                UnlockBenchCpu sessionCpu = UnlockBenchCpu.now();
                measureSessions(sim, configs, sessions);
                UnlockBenchCpu.now().printSince(sessionCpu, configs.size() * sessions, "session (AUTH, UNLOCK, one press with photo)");
                System.out.println("  load average after: " + loadAverage());
            }
        } finally {
            server.stopAndWait();
        }
        System.exit(0);
    }

    /** Requests by zhangsan, approved by lisi (department head): {requestId, qianqi's taskId}. */
    private static List<String[]> prepare(String base, List<String> seals, int total) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> created = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int lane = t;
            TestHttp applicant = login(base, "zhangsan");
            TestHttp head = login(base, "lisi");
            for (int i = lane; i < total; i += 4) {
                String seal = seals.get(i % seals.size());
                created.add(pool.submit(() -> {
                    synchronized (applicant) {
                        String id = check(applicant.post("/api/requests", new JsonObject().put("type", "SEAL_USE")
                            .put("sealIds", new JsonArray().add(seal)).put("documentType", "FINANCIAL_STATEMENT")
                            .put("documentName", "基准测试报表").put("copies", 1).put("reason", "benchmark").put("amount", 1000)
                            .put("form", new JsonObject()).put("fileIds", new JsonArray()).put("submit", true)), 201)
                            .json().getString("id");
                        check(head.post("/api/tasks/" + taskOf(head, id) + "/approve", new JsonObject()), 200);
                        return id;
                    }
                }));
            }
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> f : created) {
            ids.add(f.get());
        }
        pool.shutdown();
        TestHttp finance = login(base, "qianqi");
        Map<String, String> tasks = new HashMap<>();
        for (int page = 1; tasks.size() < ids.size(); page++) {
            JsonArray items = check(finance.get("/api/tasks?status=pending&size=100&page=" + page), 200).json().getJsonArray("items");
            if (items.isEmpty()) {
                break;
            }
            items.stream().map(JsonObject.class::cast).forEach(t -> tasks.put(t.getString("requestId"), t.getString("id")));
        }
        return ids.stream().filter(tasks::containsKey).map(id -> new String[] {id, tasks.get(id)}).toList();
    }

    private static String taskOf(TestHttp user, String requestId) {
        for (int attempt = 0; attempt < 100; attempt++) {
            for (Object o : check(user.get("/api/tasks?status=pending&size=100"), 200).json().getJsonArray("items")) {
                if (requestId.equals(((JsonObject) o).getString("requestId"))) {
                    return ((JsonObject) o).getString("id");
                }
            }
        }
        throw new IllegalStateException("no task for " + requestId);
    }

    /** Final approvals on a fixed schedule (open loop: a slow answer does not delay the next approval). */
    private static void measureApprovals(TestHttp finance, List<String[]> ready, double rate) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        List<Future<Long>> answers = new ArrayList<>();
        for (int i = 0; i < ready.size(); i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String task = ready.get(i)[1];
            answers.add(pool.submit(() -> {
                long t0 = System.nanoTime();
                check(finance.post("/api/tasks/" + task + "/approve", new JsonObject()), 200);
                return System.nanoTime() - t0;
            }));
        }
        List<Double> http = new ArrayList<>();
        for (Future<Long> f : answers) {
            http.add(f.get() / 1e6);
        }
        double took = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("  final approvals: %d in %.1f s (%.1f/s achieved)%n", ready.size(), took, ready.size() / took);
        System.out.println("  final approve HTTP round trip       " + summary(http));
    }

    private static void report(TestHttp admin, List<String[]> ready) throws Exception {
        List<Double> accepted = new ArrayList<>();
        int missing = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String[] r : ready) {
            JsonObject unlock = null;
            while (true) {
                JsonArray unlocks = admin.get("/api/requests/" + r[0]).json().getJsonArray("unlocks");
                unlock = unlocks == null || unlocks.isEmpty() ? null : unlocks.getJsonObject(0);
                if (unlock != null && unlock.getLong("acceptedAt") != null || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(50);
            }
            if (unlock == null || unlock.getLong("acceptedAt") == null) {
                if (missing++ == 0) {
                    System.out.println("  not accepted: request " + r[0] + " unlock " + unlock);
                }
            } else {
                accepted.add((double) (unlock.getLong("acceptedAt") - unlock.getLong("createdAt")));
            }
        }
        System.out.println("  final approval committed -> token ACCEPTED at the agent " + summary(accepted)
            + (missing > 0 ? "  (" + missing + " never accepted)" : ""));
        double p99 = percentile(accepted, 0.99);
        System.out.printf("  target p99 <= 100 ms: %s%n", p99 <= 100 ? "met" : "NOT met");
        System.out.printf("  comparison: SealFlow p99 %.0f ms at the rate above; %s (different hardware and setup)%n", p99, HONO);
    }

    /**
     * Where commit -> ACCEPTED goes, from the server's own rows: command written (in the approving transaction) ->
     * the broker acknowledged the publish (outbox sent_at, written in batches, so a little late) -> the agent's
     * ACCEPTED answer was applied. The second phase is broker -> agent (token check, durable ledger write) -> broker
     * -> server, i.e. what the device side and the broker cost.
     */
    private static void phases(SealFlowServer server, long since) throws Exception {
        var rows = server.platform().db().execute("SELECT c.created_at, c.accepted_at, o.sent_at FROM device_command c "
            + "JOIN device_outbox o ON o.command_id = c.id WHERE c.kind = 'UNLOCK' AND c.accepted_at IS NOT NULL AND o.sent_at > 0 "
            + "AND c.created_at >= $1", since)
            .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        List<Double> published = new ArrayList<>();
        List<Double> answered = new ArrayList<>();
        rows.forEach(r -> {
            published.add((double) (r.getLong("sent_at") - r.getLong("created_at")));
            answered.add((double) Math.max(0, r.getLong("accepted_at") - r.getLong("sent_at")));
        });
        System.out.println("    phase: command written -> publish acknowledged by the broker " + summary(published));
        System.out.println("    phase: publish acknowledged -> agent's ACCEPTED applied     " + summary(answered));
    }

    /** Waits (30 s at most) until the server has heard ACCEPTED for {@code n} unlocks in all, reading its table directly. */
    private static void awaitAccepted(SealFlowServer server, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            var rs = server.platform().db().execute("SELECT COUNT(*) FROM device_command WHERE kind = 'UNLOCK' AND accepted_at IS NOT NULL")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (rs.iterator().next().getLong(0) >= n) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /**
     * After the warm-up the JIT still compiles what the warm-up made hot (C2 of the request, engine and device paths):
     * seconds of compiler CPU that would otherwise fall into the measured window on a 2-core machine. Waits (at most
     * 60 s) until the JIT compiled for less than 50 ms in a 2 s interval.
     */
    private static void awaitJitQuiet() throws InterruptedException {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        long last = jit.getTotalCompilationTime();
        long first = last;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(2000);
            long now = jit.getTotalCompilationTime();
            if (now - last < 50) {
                break;
            }
            last = now;
        }
        System.out.printf("  JIT settled after the warm-up: %d ms of compiling in %.1f s of waiting%n",
            jit.getTotalCompilationTime() - first, (System.nanoTime() - start) / 1e9);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    /** Custodian PIN at the device -> the MCU reports UNLOCK; then one press ends the session. */
    private static void measureSessions(Simulator sim, List<DeviceConfig> configs, int perDevice) throws Exception {
        List<Double> unlock = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Double> firstOfDevice = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(configs.size());
        List<Future<?>> runs = new ArrayList<>();
        for (DeviceConfig c : configs) {
            VirtualDevice d = sim.device(c.id());
            runs.add(pool.submit(() -> {
                for (int i = 0; i < perDevice; i++) {
                    long t0 = System.nanoTime();
                    d.auth(AuthMethod.PIN, "1234");
                    if (!await(() -> d.mcu().state().session() != null, 10_000)) {
                        break;
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    unlock.add(ms);
                    if (i == 0) {
                        firstOfDevice.add(ms);
                    }
                    d.press();
                    await(() -> d.mcu().state().session() == null && d.mcu().state().pending() == 0, 30_000);
                }
                return null;
            }));
        }
        for (Future<?> f : runs) {
            f.get();
        }
        pool.shutdown();
        System.out.println("  custodian AUTH -> UNLOCK at the MCU  " + summary(unlock));
        // the agent checks a custodian's first PIN since its start with the slow hash, later ones from memory
        System.out.println("    of which each device's first AUTH   " + summary(firstOfDevice));
    }

    private static String summary(List<Double> ms) {
        return String.format("n=%d p50=%.1f ms p99=%.1f ms p99.9=%.1f ms max=%.1f ms", ms.size(), percentile(ms, 0.5),
            percentile(ms, 0.99), percentile(ms, 0.999), percentile(ms, 1.0));
    }

    private static double percentile(List<Double> values, double q) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(Math.max(0, (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)));
    }

    private static TestHttp login(String base, String username) {
        TestHttp http = new TestHttp(base);
        http.get("/api/auth/csrf");
        check(http.post("/api/auth/login", new JsonObject().put("username", username).put("password", "sealflow")), 200);
        return http;
    }

    /** The answer, or an exception when it is not the expected success (any 2xx counts for 200/201). */
    private static TestHttp.Res check(TestHttp.Res res, int status) {
        if (res.status() != status && (res.status() / 100 != 2 || status / 100 != 2)) {
            throw new IllegalStateException("HTTP " + res.status() + ": " + res.body());
        }
        return res;
    }

    private static boolean await(BooleanSupplier condition, long timeoutMillis) {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
