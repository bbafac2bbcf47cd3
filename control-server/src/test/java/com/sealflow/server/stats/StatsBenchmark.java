package com.sealflow.server.stats;

import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.TimeLimit;
import com.sealflow.server.db.CpuMeter;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.DatabaseConfig;
import com.sealflow.server.db.Databases;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import com.sealflow.server.org.Directory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Dashboard query latency as the read model grows 10k → 100k → 1M generated requests over a year, on SQLite and
 * PostgreSQL (embedded). Prints one line per query and size: median and worst of 11 runs after 3 warm-ups, and the CPU per
 * query, for the dashboard's default period (last 30 days) and, up to 100k, for the whole year. Not a test: run it as a
 * command (docs/benchmarks.md).
 * Arguments: dialects (SQLITE,POSTGRES) and sizes (10000,100000,1000000); a third argument keeps the database for another
 * run: an SQLite data dir or a PostgreSQL JDBC URL (user and password postgres). A kept database is grown from the requests
 * it already holds, so a size it already has is measured without generating.
 */
public final class StatsBenchmark {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private StatsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Dialect> dialects = args.length > 0 ? Arrays.stream(args[0].split(",")).map(Dialect::valueOf).toList()
            : List.of(Dialect.SQLITE, Dialect.POSTGRES);
        List<Integer> sizes = args.length > 1 ? Arrays.stream(args[1].split(",")).map(Integer::valueOf).toList()
            : List.of(10_000, 100_000, 1_000_000);
        Vertx vertx = Vertx.vertx();
        try {
            for (Dialect d : dialects) {
                DatabaseConfig config = args.length < 3 ? TestDatabases.config(d) : d == Dialect.SQLITE
                    ? DatabaseConfig.sqlite(java.nio.file.Path.of(args[2])) : DatabaseConfig.postgres(args[2], "postgres", "postgres");
                run(vertx, config, sizes);
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void run(Vertx vertx, DatabaseConfig config, List<Integer> sizes) throws Exception {
        Dialect dialect = config.dialect();
        Database db = Databases.open(vertx, config);
        int have = await(db.execute("SELECT COUNT(*) FROM stats_instance")).iterator().next().getLong(0).intValue();
        CpuMeter cpu = dialect == Dialect.POSTGRES ? new CpuMeter(config) : new CpuMeter();
        Clock clock = Clock.fixed(Instant.parse("2027-01-01T04:00:00Z"), ZONE);
        ApprovalEngine engine = new ApprovalEngine(db, (spec, ctx) -> Future.succeededFuture(List.of()), clock);
        List<HistoryGenerator.FlowShape> flows = new ArrayList<>();
        flows.add(flow(engine, "seal-use", 6, new String[][] {{"dept", "部门负责人", "24", "6"}, {"legal", "法务审核", "48", "20"},
            {"finance", "财务审核", "24", "8"}, {"stamp", "用印", "8", "1.5"}}));
        flows.add(flow(engine, "take-out", 2, new String[][] {{"dept", "部门负责人", "24", "5"}, {"gm", "总经理", "24", "12"},
            {"stamp", "外带交接", "8", "2"}}));
        flows.add(flow(engine, "contract", 1, new String[][] {{"legal", "法务审核", "72", "30"}, {"ceo", "总经办会签", "48", "26"}}));
        List<String> depts = List.of("SALES", "RND", "LEGAL", "FIN", "GM", "ADMIN", "HR", "OPS");
        List<String> seals = List.of("s-official", "s-contract", "s-finance", "s-invoice", "s-legalrep", "s-hr");
        List<String> devices = List.of("cab-01", "cab-01", "sd-01", "sd-02", "cab-01", "sd-03");
        HistoryGenerator.Shape shape = new HistoryGenerator.Shape(flows, depts, seals, devices);
        Stats stats = new Stats(db, clock, ZONE, new Directory(db), null, new FlowCatalog(engine));
        System.out.printf("%s: histogram of %d buckets, ratio %.4f%n", dialect, Buckets.COUNT, Buckets.RATIO);
        DeviceQueries deviceQueries = new DeviceQueries(db, new RollupSql(Rollup.standardOffset(ZONE)));
        FlowCatalog catalog = new FlowCatalog(engine);
        Rollup rollup = new Rollup(db, ZONE, catalog::limits);
        long now = clock.millis();
        long yearAgo = now - Duration.ofDays(365).toMillis();
        for (int size : sizes) {
            long t0 = System.nanoTime();
            if (size <= have) {
                System.out.printf("%s: the kept database holds %,d requests; measuring %,d without generating%n", dialect, have, size);
            } else if (size - have >= 50_000) {
                // a large step is a bulk load over plain JDBC: indexes dropped, batches of rows, indexes rebuilt
                // (with the pool closed, so that none of its SQLite connections holds a lock the index drop waits for)
                await(db.close());
                try (java.sql.Connection c = config.dialect() == Dialect.SQLITE
                    ? java.sql.DriverManager.getConnection("jdbc:sqlite:" + Databases.sqliteFile(config.dataDir()))
                    : java.sql.DriverManager.getConnection(config.url(), config.user(), config.password())) {
                    HistoryGenerator.bulkLoad(c, shape, size - have, yearAgo, now, 42L + size, "B" + size);
                }
                db = Databases.open(vertx, config);
                engine = new ApprovalEngine(db, (spec, ctx) -> Future.succeededFuture(List.of()), clock);
                stats = new Stats(db, clock, ZONE, new Directory(db), null, new FlowCatalog(engine));
                deviceQueries = new DeviceQueries(db, new RollupSql(Rollup.standardOffset(ZONE)));
                rollup = new Rollup(db, ZONE, new FlowCatalog(engine)::limits);
            } else {
                await(new HistoryGenerator(db).generate(shape, size - have, yearAgo, now, 42L + size, "B" + size));
            }
            if (size > have) {
                System.out.printf("%s: generated %,d → %,d requests in %.1f s%n", dialect, have, size, (System.nanoTime() - t0) / 1e9);
                long t1 = System.nanoTime();
                await(rollup.rebuild());
                System.out.printf("%s: rollup built from the read model (as the backfill does) in %.1f s%n", dialect,
                    (System.nanoTime() - t1) / 1e9);
                have = size;
            }
            await(db.execute("ANALYZE"));
            Stats st = stats;
            DeviceQueries dq = deviceQueries;
            Range month = st.range(null, null);
            Range year = new Range(yearAgo, now + 1);
            // the whole-year figures scan every row; past 100k requests they are far off target, so only the default period is timed
            for (Range r : have > 100_000 ? List.of(month) : List.of(month, year)) {
                String label = r == month ? "30 days" : "365 days";
                Map<String, Supplier<Future<?>>> queries = new LinkedHashMap<>();
                queries.put("summary (KPIs + daily trend)", () -> st.summary(r, null));
                queries.put("trend by week", () -> st.trend(r, null, true));
                queries.put("flows", () -> st.flows(r));
                queries.put("nodes of seal-use", () -> st.nodes("seal-use", r));
                queries.put("bottleneck ranking", () -> st.bottlenecks(r, 10));
                queries.put("departments", () -> st.departments(r));
                queries.put("seals", () -> st.seals(r));
                queries.put("devices", () -> dq.devices(r, List.of()));
                for (Map.Entry<String, Supplier<Future<?>>> q : queries.entrySet()) {
                    for (int w = 0; w < 3; w++) {
                        await(q.getValue().get());
                    }
                    long[] ms = new long[11];
                    long[] cpu0 = cpu.now();
                    for (int i = 0; i < ms.length; i++) {
                        long s = System.nanoTime();
                        await(q.getValue().get());
                        ms[i] = (System.nanoTime() - s) / 1_000_000;
                    }
                    long[] cpu1 = cpu.now();
                    Arrays.sort(ms);
                    // CPU per query: JVM (on SQLite the database's work too) + PostgreSQL backends; far less load-bound
                    System.out.printf("%s %,9d requests, %-8s %-30s median %5d ms  max %5d ms  CPU/query JVM %.1f ms + PostgreSQL %.1f ms"
                        + "%n",
                        dialect, have, label, q.getKey(), ms[5], ms[10], (cpu1[0] - cpu0[0]) / 1e6 / ms.length,
                        (cpu1[1] - cpu0[1]) / (double) ms.length);
                }
            }
        }
        cpu.close();
        await(db.close());
    }

    private static HistoryGenerator.FlowShape flow(ApprovalEngine engine, String key, double weight, String[][] nodes) {
        FlowNode next = null;
        List<HistoryGenerator.NodeShape> shapes = new ArrayList<>();
        for (int i = nodes.length - 1; i >= 0; i--) {
            String[] n = nodes[i];
            boolean handle = i == nodes.length - 1 && n[0].equals("stamp");
            TimeLimit tl = new TimeLimit(Duration.ofHours(Long.parseLong(n[2])), null, null, null, null,
                new TimeLimit.Timeout(TimeLimit.Timeout.Action.REMIND, null));
            next = new FlowNode(n[0], handle ? NodeType.HANDLE : NodeType.APPROVAL, n[1], next, ApproverSpec.users("u-" + n[0]),
                handle ? null : ApprovalMode.ANY, null, null, null, null, tl, null, Set.of(), null, handle ? "STAMP" : null,
                null, null, null);
            shapes.add(0, new HistoryGenerator.NodeShape(n[0], n[1], handle ? "HANDLE" : "APPROVAL", Double.parseDouble(n[3])));
        }
        FlowNode start = new FlowNode("start", NodeType.START, "发起", next, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null);
        await(engine.saveDraft(new FlowDefinition(key, key, List.of(), start), "admin"));
        await(engine.publish(key, "admin"));
        return new HistoryGenerator.FlowShape(key, weight, shapes);
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await(30, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }
}
