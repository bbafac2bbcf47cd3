package com.sealflow.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.server.Servers;
import com.sealflow.server.TestHttp;
import com.sealflow.server.TestServer;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Someone with database access edits, deletes, reorders or forges rows of a running server's audit log:
 * {@code GET /api/audit/verify} names the first bad row each time, and the restored log verifies again.
 */
class AuditTamperHttpTest {

    interface Tamper {
        void apply(Database db, long head) throws Exception;
    }

    record Case(String name, Tamper tamper, long firstBad) {
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String INSERT = "INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, details, prev_hash, hash)"
        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void verifyOverHttpNamesTheFirstTamperedRow(Dialect dialect) {
        try (TestServer server = TestServer.start(dialect, Map.of("demo", "true"))) {
            TestHttp auditor = Servers.login(server, "auditor", "sealflow");
            JsonObject intact = verify(auditor);
            assertThat(intact.getBoolean("ok")).as(intact.encode()).isTrue();
            long head = intact.getLong("checked");
            assertThat(head).as("the demo writes an audit trail").isGreaterThan(10);
            Database db = server.server.platform().db();
            List<Case> cases = List.of(
                new Case("edited details", (d, h) -> await(d.execute("UPDATE audit_log SET details = $1 WHERE seq = $2",
                    "{\"n\":1}", 5L)), 5),
                new Case("edited actor, own hash recomputed", (d, h) -> {
                    Row row = await(d.execute("SELECT * FROM audit_log WHERE seq = 7")).iterator().next();
                    String hash = AuditHash.hash(7, row.getLong("at"), "forger", row.getString("action"), row.getString("object_type"),
                        row.getString("object_id"), row.getString("details"), row.getString("prev_hash"));
                    await(d.execute("UPDATE audit_log SET actor = $1, hash = $2 WHERE seq = $3", "forger", hash, 7L));
                }, 8),
                new Case("deleted row", (d, h) -> await(d.execute("DELETE FROM audit_log WHERE seq = $1", 4L)), 4),
                new Case("deleted tail", (d, h) -> await(d.execute("DELETE FROM audit_log WHERE seq = $1", h)), head),
                new Case("reordered rows", (d, h) -> {
                    await(d.execute("UPDATE audit_log SET seq = $1 WHERE seq = $2", -3L, 3L));
                    await(d.execute("UPDATE audit_log SET seq = $1 WHERE seq = $2", 3L, 4L));
                    await(d.execute("UPDATE audit_log SET seq = $1 WHERE seq = $2", 4L, -3L));
                }, 3),
                new Case("forged row past the head", (d, h) -> {
                    String prev = await(d.execute("SELECT hash FROM audit_log WHERE seq = $1", h)).iterator().next().getString("hash");
                    String hash = AuditHash.hash(h + 1, 1L, "forger", "seal.destroyed", null, null, "{}", prev);
                    await(d.execute(INSERT, h + 1, 1L, "forger", "seal.destroyed", null, null, "{}", prev, hash));
                }, head + 1));
            for (Case c : cases) {
                List<Row> saved = snapshot(db);
                c.tamper().apply(db, head);
                JsonObject r = verify(auditor);
                assertThat(r.getBoolean("ok")).as(c.name() + ": " + r.encode()).isFalse();
                assertThat(r.getLong("firstBadSeq")).as(c.name()).isEqualTo(c.firstBad());
                assertThat(r.getLong("checked")).as(c.name()).isEqualTo(c.firstBad() - 1);
                restore(db, saved);
                JsonObject again = verify(auditor);
                assertThat(again.getBoolean("ok")).as("restored after " + c.name()).isTrue();
                assertThat(again.getLong("checked")).isEqualTo(head);
            }
            System.out.printf("audit tampering [%s]: %d kinds detected over a chain of %d rows%n", dialect, cases.size(), head);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static JsonObject verify(TestHttp auditor) {
        TestHttp.Res res = auditor.get("/api/audit/verify");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    private static List<Row> snapshot(Database db) {
        List<Row> rows = new ArrayList<>();
        await(db.execute("SELECT * FROM audit_log ORDER BY seq")).forEach(rows::add);
        return rows;
    }

    private static void restore(Database db, List<Row> rows) {
        await(db.execute("DELETE FROM audit_log"));
        for (Row r : rows) {
            await(db.execute(INSERT, r.getLong("seq"), r.getLong("at"), r.getString("actor"), r.getString("action"),
                r.getString("object_type"), r.getString("object_id"), r.getString("details"), r.getString("prev_hash"),
                r.getString("hash")));
        }
    }
}
