package com.sealflow.server.archive;

import com.sealflow.server.db.CpuMeter;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Databases;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Archive search at growing sizes (a command, not a test): generates archived records through the real write path
 * (numbering, canonical JSON, hash chain, index, bigrams) and times {@code GET /api/archive} queries (items + capped count)
 * at each size. Prints p50/p95/max per query kind and dialect.
 *
 * <pre>
 * ./mvnw -B -q -o -Dskip.web=true -pl control-server test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp control-server/target/test-classes:control-server/target/classes:$(cat control-server/target/test-cp.txt) \
 *     com.sealflow.server.archive.ArchiveSearchBenchmark SQLITE,POSTGRES 10000,100000,1000000
 * </pre>
 */
public final class ArchiveSearchBenchmark {

    private static final int BATCH = 2000;
    private static final int RUNS = 200;
    private static final String[] TOPICS = {"采购", "销售", "租赁", "技术服务", "软件许可", "保密", "劳务", "运输", "仓储", "广告", "咨询",
        "工程施工", "设备维护", "代理", "合作框架", "借款", "担保", "融资租赁", "股权转让", "培训", "物业管理", "数据处理", "云服务", "外包"};
    private static final String[] KINDS = {"合同", "协议", "补充协议", "年度报表", "发票", "证明", "函", "授权委托书"};
    private static final String[] CITIES = {"上海", "北京", "深圳", "杭州", "南京", "成都", "武汉", "西安", "苏州", "天津", "重庆", "广州"};
    private static final String[] TRADES = {"贸易", "科技", "物流", "建设", "咨询", "电子", "医药", "能源", "食品", "机械"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞",
        "平", "刚", "桂英", "建华", "志强", "秀兰", "海燕", "晓东"};
    private static final String[] DEPTS = {"销售部", "研发部", "法务部", "财务部", "行政部", "总经办", "市场部", "采购部", "人力资源部",
        "客服部", "生产部", "质量部"};
    private static final String[] SEALS = {"公章", "合同专用章", "财务专用章", "法定代表人章", "发票专用章", "销售部章", "研发部章",
        "人事专用章", "采购专用章", "质检专用章"};
    private static final long START = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long SPAN = 700L * 24 * 3600 * 1000;

    private final Database db;
    private final ArchiveStore store;
    private final ArchiveSearch search;
    private final Random random = new Random(42);
    private final List<String> sampleNos = new ArrayList<>();
    private int made;
    private CpuMeter cpu;

    private ArchiveSearchBenchmark(Database db) {
        this.db = db;
        this.store = new ArchiveStore(db);
        this.search = new ArchiveSearch(db);
    }

    public static void main(String[] args) throws Exception {
        List<Dialect> dialects = Arrays.stream((args.length > 0 ? args[0] : "SQLITE,POSTGRES").split(",")).map(Dialect::valueOf).toList();
        int[] sizes = Arrays.stream((args.length > 1 ? args[1] : "10000,100000,1000000").split(",")).mapToInt(Integer::parseInt).toArray();
        Vertx vertx = Vertx.vertx();
        try {
            for (Dialect d : dialects) {
                // a third argument re-measures a database an earlier run generated, without generating: SQLite's data dir, or a
                // PostgreSQL JDBC URL (user and password postgres, as on the embedded test server)
                boolean reuse = args.length > 2;
                com.sealflow.server.db.DatabaseConfig config = !reuse ? TestDatabases.config(d) : d == Dialect.SQLITE
                    ? com.sealflow.server.db.DatabaseConfig.sqlite(java.nio.file.Path.of(args[2]))
                    : com.sealflow.server.db.DatabaseConfig.postgres(args[2], "postgres", "postgres");
                Database db = Databases.open(vertx, config);
                ArchiveSearchBenchmark b = new ArchiveSearchBenchmark(db);
                b.cpu = d == Dialect.POSTGRES ? new CpuMeter(config) : new CpuMeter();
                if (reuse) {
                    b.made = db.execute("SELECT COUNT(*) FROM archive_record").await(1, TimeUnit.MINUTES).iterator().next().getLong(0)
                        .intValue();
                    db.execute("SELECT no FROM archive_record WHERE entry_seq % 500 = 7 LIMIT 2000").await(1, TimeUnit.MINUTES)
                        .forEach(r -> b.sampleNos.add(r.getString(0)));
                }
                for (int size : sizes) {
                    long t0 = System.nanoTime();
                    b.grow(size);
                    if (d == Dialect.POSTGRES) {
                        db.execute("ANALYZE").await(10, TimeUnit.MINUTES);
                    }
                    System.out.printf("%n%s: %,d records (generated in %.1f s)%n", d, size, (System.nanoTime() - t0) / 1e9);
                    b.measure();
                }
                // -Dbench.hold=<seconds> keeps the database (and the embedded server) up for EXPLAIN from psql / sqlite3
                long hold = Long.getLong("bench.hold", 0);
                if (hold > 0) {
                    System.out.printf("holding %s for %d s%n", d == Dialect.SQLITE ? config.dataDir() : config.url(), hold);
                    Thread.sleep(hold * 1000);
                }
                b.cpu.close();
                db.close().await(1, TimeUnit.MINUTES);
            }
        } finally {
            vertx.close().await(1, TimeUnit.MINUTES);
            System.exit(0);
        }
    }

    private void grow(int target) throws Exception {
        while (made < target) {
            int n = Math.min(BATCH, target - made);
            int first = made;
            db.inTransaction(tx -> {
                long at0 = START + SPAN * first / 1_000_000;
                int year = Instant.ofEpochMilli(at0).atZone(ZoneId.of("Asia/Shanghai")).getYear();
                return store.nextNumbers(tx, year, n).compose(nos -> {
                    List<ArchiveEntry.New> items = new ArrayList<>(n);
                    List<String> codes = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        long at = START + SPAN * (first + i) / 1_000_000;
                        codes.add(String.format("B%015d", first + i));
                        items.add(new ArchiveEntry.New(ArchiveEntry.RECORD, nos.get(i), at, body(first + i, nos.get(i), at)));
                    }
                    return store.append(tx, items).compose(entries -> {
                        List<IndexRow> rows = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            JsonObject body = items.get(i).body();
                            rows.add(ArchiveService.indexRow(entries.get(i).seq(), codes.get(i), body));
                        }
                        return store.index(tx, rows);
                    });
                });
            }).await(10, TimeUnit.MINUTES);
            made += n;
        }
    }

    private JsonObject body(int i, String no, long at) {
        if (random.nextInt(500) == 0 && sampleNos.size() < 2000) {
            sampleNos.add(no);
        }
        String doc = pick(CITIES) + pick(TOPICS) + pick(KINDS) + "（" + (2025 + i % 2) + "-" + (i % 997) + "）";
        int seal = random.nextInt(SEALS.length);
        int dept = random.nextInt(DEPTS.length);
        String device = seal < 2 ? "CAB-0" + (1 + random.nextInt(3)) : "SD-" + String.format("%02d", seal);
        JsonObject applicant = new JsonObject().put("id", "u" + random.nextInt(500)).put("name", person(random.nextInt(500)));
        JsonObject request = new JsonObject().put("id", "r" + i).put("no", "YY-" + i).put("type", "SEAL_USE").put("status", "COMPLETED")
            .put("documentType", "CONTRACT").put("documentName", doc).put("copies", 1 + random.nextInt(3)).put("reason", "业务需要")
            .put("amount", Integer.toString(random.nextInt(1_000_000))).put("counterparty", company(random.nextInt(400)))
            .put("applicant", applicant).put("department", new JsonObject().put("id", "d" + dept).put("name", DEPTS[dept]))
            .put("submittedAt", at - 3_600_000).put("finishedAt", at).put("files", new JsonArray());
        JsonArray presses = new JsonArray();
        for (int p = 0; p < request.getInteger("copies"); p++) {
            presses.add(new JsonObject().put("id", "p" + i + "-" + p).put("deviceId", device).put("at", at - 60_000 + p)
                .put("counter", i * 3L + p).put("photoSha256", Integer.toHexString(i) + "a".repeat(56)).put("flags", new JsonArray()));
        }
        return new JsonObject().put("schema", 1).put("company", "示例科技有限公司").put("no", no).put("archivedAt", at)
            .put("request", request).put("seals", new JsonArray().add(new JsonObject().put("id", "s" + seal).put("name", SEALS[seal])))
            .put("approval", new JsonObject().put("history", new JsonArray().add(new JsonObject().put("action", "APPROVE")
                .put("actor", new JsonObject().put("id", "u1").put("name", person(1))).put("at", at - 1_800_000).put("comment", "同意"))))
            .put("unlocks", new JsonArray().add(new JsonObject().put("commandId", "c" + i).put("deviceId", device)))
            .put("presses", presses);
    }

    private String pick(String[] from) {
        return from[random.nextInt(from.length)];
    }

    private static String person(int k) {
        return SURNAMES[k % SURNAMES.length] + GIVEN[(k / SURNAMES.length) % GIVEN.length] + (k >= 360 ? GIVEN[k % GIVEN.length] : "");
    }

    private static String company(int k) {
        return CITIES[k % CITIES.length] + SURNAMES[(k / 3) % SURNAMES.length] + "氏" + TRADES[(k / 7) % TRADES.length] + "有限公司";
    }

    private void measure() throws Exception {
        Random r = new Random(7);
        time("q: archive number", x -> q(sampleNos.get(r.nextInt(sampleNos.size())), null, null, null));
        time("q: counterparty (~1/400)", x -> q(company(r.nextInt(400)), null, null, null));
        time("q: applicant name (~1/500)", x -> q(person(r.nextInt(500)), null, null, null));
        time("q: common word (合同, ~1/8)", x -> q("合同", null, null, null));
        time("q: topic alone (~1/24)", x -> q(pick(TOPICS), null, null, null));
        time("q: topic + department", x -> q(pick(TOPICS), null, "d" + r.nextInt(DEPTS.length), null));
        time("seal + 30-day range", x -> {
            long from = START + (long) (r.nextDouble() * SPAN * Math.min(1, made / 1e6));
            return q(null, "s" + r.nextInt(SEALS.length), null, new long[] {from, from + 30L * 24 * 3600 * 1000});
        });
        time("no filter, page 1", x -> q(null, null, null, null));
        time("no match (q)", x -> q("不存在的文件名称", null, null, null));
    }

    private Future<JsonObject> q(String q, String sealId, String departmentId, long[] range) {
        return search.search(new ArchiveSearch.Query(q, null, departmentId, sealId, null, range == null ? null : range[0],
            range == null ? null : range[1], 1, 20, null));
    }

    private void time(String what, Function<Integer, Future<JsonObject>> query) throws Exception {
        for (int i = 0; i < 20; i++) {
            query.apply(i).await(1, TimeUnit.MINUTES);
        }
        long[] ms = new long[RUNS];
        long hits = 0;
        long[] cpu0 = cpu.now();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            JsonObject page = query.apply(i).await(1, TimeUnit.MINUTES);
            ms[i] = System.nanoTime() - t0;
            hits += page.getLong("total");
        }
        long[] cpu1 = cpu.now();
        Arrays.sort(ms);
        // CPU per query moves far less with the machine's load than the latencies: JVM (on SQLite the database's work too)
        // and the PostgreSQL backends
        System.out.printf("  %-30s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (avg total %,d)  CPU/query JVM %.2f ms + PostgreSQL %.2f ms%n",
            what, ms[RUNS / 2] / 1e6, ms[RUNS * 95 / 100] / 1e6, ms[RUNS - 1] / 1e6, hits / RUNS, (cpu1[0] - cpu0[0]) / 1e6 / RUNS,
            (cpu1[1] - cpu0[1]) / (double) RUNS);
    }
}
