package com.sealflow.server.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The archive chain on both databases: edits, deletions, reordering and re-hashed forgeries are all detected. */
class ArchiveChainTest extends VertxPerClass {

    /** Three records, the second with an addendum: entries 1, 2, 3 (addendum of the 2nd), 4. */
    private static ArchiveStore threeRecords(Database db) throws Exception {
        ArchiveStore store = new ArchiveStore(db);
        List<String> nos = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            int n = i;
            nos.add(db.inTransaction(tx -> store.nextNumbers(tx, 2026, 1).compose(no -> {
                JsonObject body = new JsonObject().put("no", no.get(0)).put("archivedAt", 1000L * n)
                    .put("verificationCodeSha256", ArchiveHash.sha256("CODE000000000000".substring(0, 15) + n))
                    .put("request", new JsonObject().put("id", "r" + n).put("no", "YY-" + n).put("documentName", "合同 " + n)
                        .put("applicant", new JsonObject().put("id", "u1").put("name", "张三")))
                    .put("seals", new JsonArray().add(new JsonObject().put("id", "s1").put("name", "合同专用章")))
                    .put("presses", new JsonArray());
                return store.append(tx, List.of(new ArchiveEntry.New(ArchiveEntry.RECORD, no.get(0), 1000L * n, body)))
                    .compose(e -> store.index(tx, List.of(ArchiveService.indexRow(e.get(0).seq(),
                        "CODE000000000000".substring(0, 15) + n, body))))
                    .compose(v -> n == 2 ? store.append(tx, List.of(new ArchiveEntry.New(ArchiveEntry.ADDENDUM, no.get(0), 2500,
                        new JsonObject().put("type", "REVIEW").put("verdict", "SUSPICIOUS")))).mapEmpty()
                        : io.vertx.core.Future.succeededFuture())
                    .map(no.get(0));
            })).await(10, TimeUnit.SECONDS));
        }
        assertThat(nos).containsExactly("GD-2026-000001", "GD-2026-000002", "GD-2026-000003");
        return store;
    }

    private static JsonObject check(ArchiveStore store, String no) throws Exception {
        Row row = store.recordByNo(store.db().pool(), no).await(10, TimeUnit.SECONDS).orElseThrow();
        return new Integrity(store).check(store.db().pool(), row).await(10, TimeUnit.SECONDS);
    }

    private static JsonObject chain(ArchiveStore store) throws Exception {
        return new Integrity(store).chain(store.db().pool()).await(10, TimeUnit.SECONDS);
    }

    private static void sql(Database db, String sql, Object... params) throws Exception {
        db.execute(sql, params).await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void intactChainVerifies(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        ArchiveStore store = threeRecords(db);
        assertThat(chain(store).getBoolean("ok")).isTrue();
        assertThat(chain(store).getLong("checked")).isEqualTo(4);
        for (String no : List.of("GD-2026-000001", "GD-2026-000002", "GD-2026-000003")) {
            assertThat(check(store, no).getBoolean("ok")).as(no + " " + check(store, no)).isTrue();
        }
        assertThat(check(store, "GD-2026-000002").getInteger("entries")).isEqualTo(2);
        db.close().await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void editedBodyIsDetected(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        ArchiveStore store = threeRecords(db);
        sql(db, "UPDATE archive_entry SET body = REPLACE(body, '合同 2', '合同 9') WHERE seq = 2");
        assertThat(check(store, "GD-2026-000002").getBoolean("ok")).isFalse();
        assertThat(check(store, "GD-2026-000001").getBoolean("ok")).isTrue();
        assertThat(chain(store).getLong("firstBadSeq")).isEqualTo(2);
        db.close().await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rehashedForgeryBreaksTheLinkToTheNextEntry(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        ArchiveStore store = threeRecords(db);
        ArchiveEntry e = store.range(db.pool(), 1, 1).await(10, TimeUnit.SECONDS).get(0);
        String forged = e.body().replace("合同 1", "合同 7");
        sql(db, "UPDATE archive_entry SET body = $1, hash = $2 WHERE seq = 1", forged,
            ArchiveHash.entryHash(1, e.kind(), e.archiveNo(), e.at(), forged, e.prevHash()));
        JsonObject one = check(store, "GD-2026-000001");
        assertThat(one.getBoolean("ok")).isFalse();
        assertThat(one.getJsonArray("checks").stream().map(JsonObject.class::cast).filter(c -> !c.getBoolean("ok"))
            .map(c -> c.getString("check")).toList()).containsExactly("chain-next#1");
        assertThat(chain(store).getLong("firstBadSeq")).isEqualTo(2);
        db.close().await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void deletedAddendumAndReorderedEntriesAreDetected(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        ArchiveStore store = threeRecords(db);
        sql(db, "DELETE FROM archive_entry WHERE seq = 3");
        assertThat(check(store, "GD-2026-000002").getBoolean("ok")).isFalse();
        assertThat(check(store, "GD-2026-000003").getBoolean("ok")).isFalse();
        assertThat(chain(store).getLong("firstBadSeq")).isEqualTo(3);
        db.close().await(10, TimeUnit.SECONDS);

        Database db2 = TestDatabases.open(vertx, dialect);
        ArchiveStore store2 = threeRecords(db2);
        sql(db2, "UPDATE archive_entry SET seq = 100 WHERE seq = 1");
        sql(db2, "UPDATE archive_entry SET seq = 1 WHERE seq = 2");
        sql(db2, "UPDATE archive_entry SET seq = 2 WHERE seq = 100");
        assertThat(chain(store2).getBoolean("ok")).isFalse();
        assertThat(chain(store2).getLong("firstBadSeq")).isEqualTo(1);
        db2.close().await(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void bigramSearchFindsChineseSubstringsOnly(Dialect dialect) throws Exception {
        Database db = TestDatabases.open(vertx, dialect);
        ArchiveStore store = threeRecords(db);
        ArchiveSearch search = new ArchiveSearch(db);
        assertThat(total(search, "合同 2")).isEqualTo(1);
        assertThat(total(search, "合同")).isEqualTo(3);
        assertThat(total(search, "同 2")).isEqualTo(1);
        assertThat(total(search, "合")).isEqualTo(3);
        assertThat(total(search, "同合")).isZero();
        assertThat(total(search, "gd-2026-000003")).isEqualTo(1);
        assertThat(total(search, "50%_\\")).isZero();
        db.close().await(10, TimeUnit.SECONDS);
    }

    private static long total(ArchiveSearch search, String q) throws Exception {
        return search.search(new ArchiveSearch.Query(q, null, null, null, null, null, null, 1, 20, null))
            .await(10, TimeUnit.SECONDS).getLong("total");
    }
}
