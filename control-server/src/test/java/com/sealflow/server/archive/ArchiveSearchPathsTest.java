package com.sealflow.server.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every plan the search picks (a seal or device filter read from the references with their archiving time, the record
 * indexes, the text index) gives the records a plain filter over all of them gives, newest first, page by page, and
 * counts them up to the cap — on both databases. Archiving times repeat, so the tie on the entry order is exercised.
 */
class ArchiveSearchPathsTest {

    private static final int N = 260;
    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Record i: archived at 1000 × (i / 2), seal s(i % 3) (and s9 every 5th), device D(i % 4), department d(i % 2). */
    private record Rec(int i, String no, long at, List<String> seals, String device, String dept, String doc) {
    }

    private static List<Rec> fill(Database db, int n, IntFunction<String> docOf) throws Exception {
        ArchiveStore store = new ArchiveStore(db);
        List<Rec> recs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> seals = i % 5 == 0 ? List.of("s" + i % 3, "s9") : List.of("s" + i % 3);
            recs.add(new Rec(i, null, 1000L * (i / 2), seals, "D" + i % 4, "d" + i % 2, docOf.apply(i)));
        }
        List<Rec> out = new ArrayList<>();
        for (int start = 0; start < n; start += 100) {
            List<Rec> part = recs.subList(start, Math.min(n, start + 100));
            out.addAll(db.inTransaction(tx -> store.nextNumbers(tx, 2026, part.size()).compose(nos -> {
                List<ArchiveEntry.New> items = new ArrayList<>();
                List<Rec> done = new ArrayList<>();
                for (int k = 0; k < part.size(); k++) {
                    Rec r = part.get(k);
                    JsonArray seals = new JsonArray();
                    r.seals().forEach(s -> seals.add(new JsonObject().put("id", s).put("name", "章" + s)));
                    JsonObject body = new JsonObject().put("no", nos.get(k)).put("archivedAt", r.at())
                        .put("request", new JsonObject().put("id", "r" + r.i()).put("no", "YY-" + r.i()).put("documentName", r.doc())
                            .put("applicant", new JsonObject().put("id", "u" + r.i() % 3).put("name", "张三"))
                            .put("department", new JsonObject().put("id", r.dept()).put("name", "部门" + r.dept())))
                        .put("seals", seals)
                        .put("presses", new JsonArray().add(new JsonObject().put("id", "p" + r.i()).put("deviceId", r.device())));
                    items.add(new ArchiveEntry.New(ArchiveEntry.RECORD, nos.get(k), r.at(), body));
                    done.add(new Rec(r.i(), nos.get(k), r.at(), r.seals(), r.device(), r.dept(), r.doc()));
                }
                return store.append(tx, items).compose(entries -> {
                    List<IndexRow> rows = new ArrayList<>();
                    for (int k = 0; k < items.size(); k++) {
                        rows.add(ArchiveService.indexRow(entries.get(k).seq(), String.format("C%014d", done.get(k).i()),
                            items.get(k).body()));
                    }
                    return store.index(tx, rows);
                }).map(done);
            })).await(30, TimeUnit.SECONDS));
        }
        return out;
    }

    private static List<String> nos(JsonObject page) {
        return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("no")).toList();
    }

    private static void same(ArchiveSearch search, List<Rec> recs, ArchiveSearch.Query base, Predicate<Rec> filter,
                             Comparator<Rec> order) throws Exception {
        List<String> expected = recs.stream().filter(filter).sorted(order).map(Rec::no).toList();
        assertThat(expected).as("the case selects something").isNotEmpty();
        List<String> got = new ArrayList<>();
        int pages = (expected.size() + 6) / 7;
        for (int page = 1; page <= pages + 1; page++) {
            JsonObject res = search.search(new ArchiveSearch.Query(base.q(), base.applicantId(), base.departmentId(), base.sealId(),
                base.deviceId(), base.from(), base.to(), page, 7, null)).await(30, TimeUnit.SECONDS);
            assertThat(res.getLong("total")).isEqualTo(Math.min(expected.size(), ArchiveSearch.COUNT_CAP));
            assertThat(res.getBoolean("totalCapped")).isEqualTo(expected.size() > ArchiveSearch.COUNT_CAP);
            got.addAll(nos(res));
        }
        assertThat(got).containsExactlyElementsOf(expected);
    }

    private static ArchiveSearch.Query q(String text, String dept, String seal, String device, Long from, Long to) {
        return new ArchiveSearch.Query(text, null, dept, seal, device, from, to, 1, 7, null);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyPlanGivesTheFilteredRecordsNewestFirst(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        List<Rec> recs = fill(db, N, i -> (i % 7 == 0 ? "采购合同" : "租赁协议") + i);
        ArchiveSearch search = new ArchiveSearch(db);
        Comparator<Rec> newest = Comparator.comparingLong(Rec::at).thenComparingInt(Rec::i).reversed();
        Comparator<Rec> archiveOrder = Comparator.comparingInt(Rec::i).reversed();
        same(search, recs, q(null, null, "s1", null, 20_000L, 90_000L), r -> r.seals().contains("s1") && r.at() >= 20_000
            && r.at() < 90_000, newest);
        same(search, recs, q(null, null, "s9", null, null, null), r -> r.seals().contains("s9"), newest);
        same(search, recs, q(null, null, null, "D2", 5_000L, null), r -> r.device().equals("D2") && r.at() >= 5_000, newest);
        same(search, recs, q(null, "d1", "s2", "D3", null, 100_000L), r -> r.dept().equals("d1") && r.seals().contains("s2")
            && r.device().equals("D3") && r.at() < 100_000, newest);
        same(search, recs, q(null, "d0", null, null, 10_000L, 120_000L), r -> r.dept().equals("d0") && r.at() >= 10_000
            && r.at() < 120_000, newest);
        same(search, recs, q("采购合同", null, "s0", null, null, null), r -> r.doc().startsWith("采购合同")
            && r.seals().contains("s0"), archiveOrder);
        same(search, recs, q("协议", "d1", null, null, null, null), r -> r.doc().contains("协议") && r.dept().equals("d1"), archiveOrder);
        // over the cap: 260 records, counted up to 200
        same(search, recs, q(null, null, null, null, null, null), r -> true, newest);
        db.close().await(10, TimeUnit.SECONDS);
    }

    /**
     * More records than the newest-records window ({@link ArchiveSearch#WINDOW}): a word found only three times among the
     * newest 1,000 records leaves the window short of a page. The matches among the newest 1,100 entries (the recent range,
     * set low here) then fill the first pages, and every match (the index plan) the later ones — the same records in the
     * same order, page by page, with and without a department, and the same counts.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aWindowThatMissesHandsOverToTheIndexPlan(Dialect dialect) throws Exception {
        int n = ArchiveSearch.WINDOW + 250;
        int newestOld = n - ArchiveSearch.WINDOW;
        // 保密协议: every 3rd of the records older than the window (84, of which 34 among the newest 1,100), and three inside it
        IntFunction<String> doc = i -> (i < newestOld && i % 3 == 0 || i == newestOld + 10 || i == n - 500 || i == n - 1
            ? "保密协议" : i % 2 == 0 ? "租赁合同" : "采购订单") + i;
        Database db = TestDatabases.open(vertx, dialect);
        List<Rec> recs = fill(db, n, doc);
        ArchiveSearch search = new ArchiveSearch(db, ArchiveSearch.WINDOW + 100);
        Comparator<Rec> archiveOrder = Comparator.comparingInt(Rec::i).reversed();
        Predicate<Rec> secret = r -> r.doc().startsWith("保密协议");
        assertThat(recs.stream().skip(newestOld).filter(secret).count()).as("matches inside the window").isEqualTo(3);
        same(search, recs, q("保密协议", null, null, null, null, null), secret, archiveOrder);
        same(search, recs, q("保密", "d1", null, null, null, null), r -> secret.test(r) && r.dept().equals("d1"), archiveOrder);
        // a word the window serves in full, then past the cap
        same(search, recs, q("租赁合同", "d0", null, null, null, null), r -> r.doc().startsWith("租赁合同") && r.dept().equals("d0"),
            archiveOrder);
        db.close().await(10, TimeUnit.SECONDS);
    }
}
