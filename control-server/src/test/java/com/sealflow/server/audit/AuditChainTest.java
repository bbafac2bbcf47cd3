package com.sealflow.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.MutableClock;
import com.sealflow.server.VertxPerClass;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import com.sealflow.server.db.TestDatabases;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chain detects every kind of tampering someone with database access might try, and never forks. */
class AuditChainTest extends VertxPerClass {

    interface Tamper {
        void apply(Database db) throws Exception;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuditVerifier.Result chainOf10Then(Dialect d, Tamper tamper) throws Exception {
        Database db = TestDatabases.open(vertx, d);
        try {
            AuditLog log = new AuditLog(db, new MutableClock(1_700_000_000_000L));
            for (int i = 1; i <= 10; i++) {
                JsonObject details = new JsonObject().put("n", i).put("nested", new JsonObject().put("z", 1).put("a", "中文"));
                await(log.appendAlone(new AuditLog.Entry("user-" + i, "test.action", "thing", "t" + i, details)));
            }
            assertThat(await(log.verify()).ok()).isTrue();
            tamper.apply(db);
            return await(log.verify());
        } finally {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void intactChainVerifies(Dialect d) throws Exception {
        AuditVerifier.Result r = chainOf10Then(d, db -> { });
        assertThat(r.ok()).isTrue();
        assertThat(r.checked()).isEqualTo(10);
        assertThat(r.firstBadSeq()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void editedDetailsAreDetected(Dialect d) throws Exception {
        AuditVerifier.Result r = chainOf10Then(d, db -> await(db.execute(
            "UPDATE audit_log SET details = $1 WHERE seq = $2", "{\"n\":999}", 4L)));
        assertThat(r.ok()).isFalse();
        assertThat(r.firstBadSeq()).isEqualTo(4L);
        assertThat(r.checked()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void editedActorIsDetectedEvenWithRecomputedHash(Dialect d) throws Exception {
        // the forger recomputes the row's own hash, but the next row still links to the old one
        AuditVerifier.Result r = chainOf10Then(d, db -> {
            Row row = await(db.execute("SELECT * FROM audit_log WHERE seq = 6")).iterator().next();
            String hash = AuditHash.hash(6, row.getLong("at"), "someone-else", row.getString("action"), row.getString("object_type"),
                row.getString("object_id"), row.getString("details"), row.getString("prev_hash"));
            await(db.execute("UPDATE audit_log SET actor = $1, hash = $2 WHERE seq = $3", "someone-else", hash, 6L));
        });
        assertThat(r.ok()).isFalse();
        assertThat(r.firstBadSeq()).isEqualTo(7L);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void deletedRowIsDetected(Dialect d) throws Exception {
        AuditVerifier.Result r = chainOf10Then(d, db -> await(db.execute("DELETE FROM audit_log WHERE seq = $1", 5L)));
        assertThat(r.ok()).isFalse();
        assertThat(r.firstBadSeq()).isEqualTo(5L);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void truncatedTailIsDetected(Dialect d) throws Exception {
        AuditVerifier.Result r = chainOf10Then(d, db -> await(db.execute("DELETE FROM audit_log WHERE seq >= $1", 9L)));
        assertThat(r.ok()).isFalse();
        assertThat(r.firstBadSeq()).isEqualTo(9L);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void reorderedRowsAreDetected(Dialect d) throws Exception {
        // swap rows 3 and 4 by renumbering them
        AuditVerifier.Result r = chainOf10Then(d, db -> {
            await(db.execute("UPDATE audit_log SET seq = $1 WHERE seq = $2", -3L, 3L));
            await(db.execute("UPDATE audit_log SET seq = $1 WHERE seq = $2", 3L, 4L));
            await(db.execute("UPDATE audit_log SET seq = $1 WHERE seq = $2", 4L, -3L));
        });
        assertThat(r.ok()).isFalse();
        assertThat(r.firstBadSeq()).isEqualTo(3L);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void forgedRowInsertedPastTheHeadIsDetected(Dialect d) throws Exception {
        AuditVerifier.Result r = chainOf10Then(d, db -> {
            Row last = await(db.execute("SELECT hash FROM audit_log WHERE seq = 10")).iterator().next();
            String prev = last.getString("hash");
            String hash = AuditHash.hash(11, 1L, "forger", "test.action", null, null, "{}", prev);
            await(db.execute("INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, details, prev_hash, hash)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", 11L, 1L, "forger", "test.action", null, null, "{}", prev, hash));
        });
        assertThat(r.ok()).isFalse();
        assertThat(r.firstBadSeq()).isEqualTo(11L);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void forgedRowReplacingOneIsDetected(Dialect d) throws Exception {
        AuditVerifier.Result r = chainOf10Then(d, db -> {
            await(db.execute("DELETE FROM audit_log WHERE seq = $1", 2L));
            String fake = AuditHash.hash(2, 1L, "forger", "x", null, null, "{}", "f".repeat(64));
            await(db.execute("INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, details, prev_hash, hash)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)", 2L, 1L, "forger", "x", null, null, "{}", "f".repeat(64), fake));
        });
        assertThat(r.ok()).isFalse();
        assertThat(r.firstBadSeq()).isEqualTo(2L);
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void concurrentAppendsNeverForkTheChain(Dialect d) throws Exception {
        Database db = TestDatabases.open(vertx, d);
        try {
            AuditLog log = new AuditLog(db, new MutableClock());
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                int n = i;
                all.add(db.inTransaction(tx -> db.execute(tx, "SELECT 1").compose(x ->
                    log.append(tx, "u", "race", "thing", "t" + n, new JsonObject().put("n", n)))));
            }
            Future.all(all).await(60, TimeUnit.SECONDS);
            await(log.sealed());
            assertThat(await(db.execute("SELECT COUNT(DISTINCT seq) AS n FROM audit_log")).iterator().next().getLong("n"))
                .isEqualTo(60);
            AuditVerifier.Result r = await(log.verify());
            assertThat(r.ok()).isTrue();
            assertThat(r.checked()).isEqualTo(60);
        } finally {
            db.close();
        }
    }

    /** PostgreSQL: an open transaction that has appended does not hold the chain's head; its rows are chained after commit. */
    @Test
    void anOpenTransactionDoesNotHoldTheHeadUntilItCommits() throws Exception {
        Database db = TestDatabases.open(vertx, Dialect.POSTGRES);
        try {
            AuditLog log = new AuditLog(db, new MutableClock());
            Promise<Void> release = Promise.promise();
            Future<Void> slow = db.inTransaction(tx -> log.append(tx, AuditLog.Entry.of("u", "slow.first", "thing", "a"))
                .compose(v -> log.append(tx, AuditLog.Entry.of("u", "slow.second", "thing", "a")))
                .compose(v -> release.future()));
            // the slow transaction has appended twice and is still open: another one appends and commits meanwhile
            await(db.inTransaction(tx -> log.append(tx, AuditLog.Entry.of("u", "quick", "thing", "b"))));
            assertThat(slow.isComplete()).isFalse();
            release.complete();
            await(slow);
            await(log.sealed());
            List<String> order = new ArrayList<>();
            await(db.execute("SELECT action FROM audit_log ORDER BY seq")).forEach(r -> order.add(r.getString("action")));
            assertThat(order).containsExactly("quick", "slow.first", "slow.second");
            AuditVerifier.Result r = await(log.verify());
            assertThat(r.ok()).isTrue();
            assertThat(r.checked()).isEqualTo(3);
        } finally {
            db.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void rolledBackActionLeavesNoAuditRow(Dialect d) throws Exception {
        Database db = TestDatabases.open(vertx, d);
        try {
            AuditLog log = new AuditLog(db, new MutableClock());
            Future<Void> failed = db.inTransaction(tx -> log.append(tx, AuditLog.Entry.of("u", "doomed", "thing", "t"))
                .compose(v -> Future.<Void>failedFuture(new IllegalStateException("the action failed"))));
            failed.await(30, TimeUnit.SECONDS);
        } catch (IllegalStateException expected) {
            // the action's failure rolls its audit row back with it
        } finally {
            assertThat(await(new AuditLog(db, new MutableClock()).verify()).checked()).isZero();
            db.close();
        }
    }

    /**
     * PostgreSQL: committed rows whose chaining round never ran (the server stopped right after the commit) are chained
     * by the next round, and a reader of the log never misses them.
     */
    @Test
    void committedRowsLeftUnchainedAreChainedBeforeAnyoneReads() throws Exception {
        Database db = TestDatabases.open(vertx, Dialect.POSTGRES);
        try {
            AuditLog log = new AuditLog(db, new MutableClock());
            await(log.appendAlone(AuditLog.Entry.of("u", "first", "thing", "a")));
            // what a crash between COMMIT and the chaining round leaves behind
            await(db.execute("INSERT INTO audit_pending (at, actor, action, object_type, object_id, details) VALUES "
                + "($1, $2, $3, $4, $5, $6), ($7, $8, $9, $10, $11, $12)", 5L, "u", "orphan.one", "thing", "b", "{}",
                6L, "u", "orphan.two", "thing", "b", "{\"k\":1}"));
            AuditVerifier.Result r = await(new AuditLog(db, new MutableClock()).verify());
            assertThat(r.ok()).isTrue();
            assertThat(r.checked()).isEqualTo(3);
            List<String> order = new ArrayList<>();
            await(db.execute("SELECT action FROM audit_log ORDER BY seq")).forEach(row -> order.add(row.getString("action")));
            assertThat(order).containsExactly("first", "orphan.one", "orphan.two");
            assertThat(await(db.execute("SELECT COUNT(*) AS n FROM audit_pending")).iterator().next().getLong("n")).isZero();
        } finally {
            db.close();
        }
    }

    /** PostgreSQL: many transactions' rows are chained in batches larger than one round, none twice, none lost. */
    @Test
    void roundsLargerThanOneBatchChainEveryRowOnce() throws Exception {
        Database db = TestDatabases.open(vertx, Dialect.POSTGRES);
        try {
            AuditLog log = new AuditLog(db, new MutableClock());
            int total = AuditSealer.BATCH * 2 + 7;
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < total; i += 3) {
                int first = i;
                all.add(db.inTransaction(tx -> {
                    Future<Void> f = Future.succeededFuture();
                    for (int k = first; k < Math.min(first + 3, total); k++) {
                        int n = k;
                        f = f.compose(v -> log.append(tx, "u", "bulk", "thing", "t" + n, new JsonObject().put("n", n)));
                    }
                    return f;
                }));
            }
            Future.all(all).await(60, TimeUnit.SECONDS);
            AuditVerifier.Result r = await(log.verify());
            assertThat(r.ok()).isTrue();
            assertThat(r.checked()).isEqualTo(total);
            assertThat(await(db.execute("SELECT COUNT(DISTINCT object_id) AS n FROM audit_log")).iterator().next().getLong("n"))
                .isEqualTo(total);
        } finally {
            db.close();
        }
    }
}
