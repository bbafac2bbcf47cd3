package com.sealflow.server.audit;

import com.sealflow.server.db.AfterCommit;
import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The append-only, hash-chained audit log. Every module writes its rows with {@link #append} inside the
 * transaction of the action it records, so the action and its audit row commit or vanish together.
 *
 * <p>Rows are queued in their transaction and written right before it commits ({@link Database#beforeCommit}). On
 * SQLite (one writer at a time anyway) they are numbered and chained there: the chain head row is updated in the
 * same transaction. On PostgreSQL the transaction only adds them to {@code audit_pending}, which no two transactions
 * share, and {@link AuditSealer} chains them in batches right after the commit; holding the head from the chaining
 * step through its own COMMIT made every audited action wait for the one before it and its WAL flush. Until a round
 * has chained them (milliseconds), committed rows wait unchained; every reader of the log first has them chained
 * ({@link #sealed()}), so it never misses a committed row.
 */
public final class AuditLog {

    /** How often the chaining round runs on its own, for rows whose after-commit round was missed (a crash). */
    private static final long SEAL_EVERY_MS = 1_000;

    private final Database db;
    private final Clock clock;
    private final AuditSealer sealer;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.sealer = db.dialect() == Dialect.POSTGRES ? new AuditSealer(db) : null;
    }

    /** Chains rows left waiting by an earlier run now, and then every second (PostgreSQL; nothing on SQLite). */
    public void start(Vertx vertx) {
        if (sealer != null) {
            sealer.kick();
            vertx.setPeriodic(SEAL_EVERY_MS, t -> sealer.kick());
        }
    }

    /** Completes when every audit row committed before the call is on the chain. */
    public Future<Void> sealed() {
        return sealer == null ? Future.succeededFuture() : sealer.sealAll();
    }

    /** An audit row to write: who ({@code actorId}: a user id, or {@code system}/{@code device:<id>}) did what to which object. */
    public record Entry(String actorId, String action, String objectType, String objectId, JsonObject details) {
        public static Entry of(String actorId, String action, String objectType, String objectId) {
            return new Entry(actorId, action, objectType, objectId, new JsonObject());
        }
    }

    /**
     * Queues the row in the caller's transaction (completes at once): it is written when that transaction commits, and
     * numbered and chained then (PostgreSQL: right after), with the transaction's other rows, in the order they were
     * appended.
     */
    public Future<Void> append(SqlConnection tx, Entry e) {
        Pending pending = (Pending) db.beforeCommit(tx, this, () -> new Pending(tx));
        pending.rows.add(new Queued(clock.millis(), e, AuditHash.canonical(e.details())));
        return Future.succeededFuture();
    }

    public Future<Void> append(SqlConnection tx, String actorId, String action, String objectType, String objectId,
                               JsonObject details) {
        return append(tx, new Entry(actorId, action, objectType, objectId, details == null ? new JsonObject() : details));
    }

    /** For events that have no transaction of their own (a failed login): one transaction just for the row. */
    public Future<Void> appendAlone(Entry e) {
        return db.inTransaction(tx -> append(tx, e));
    }

    private record Queued(long at, Entry entry, String details) {
    }

    /** A transaction's queued rows, written right before its COMMIT (on SQLite with the chain head, to the end). */
    private final class Pending implements Database.BeforeCommit {

        private final SqlConnection tx;
        private final List<Queued> rows = new ArrayList<>();

        Pending(SqlConnection tx) {
            this.tx = tx;
        }

        /** Last: on SQLite the chain's head is the row every audited transaction needs, so it is taken after all else. */
        @Override
        public int order() {
            return 100;
        }

        @Override
        public Future<Void> run() {
            if (sealer != null) {
                List<Object> params = new ArrayList<>(rows.size() * 6);
                for (Queued q : rows) {
                    Entry e = q.entry();
                    params.addAll(Arrays.asList(q.at(), e.actorId(), e.action(), e.objectType(), e.objectId(), q.details()));
                }
                return db.execute(tx, valuesText("INSERT INTO audit_pending (at, actor, action, object_type, object_id, details) VALUES ",
                        rows.size(), 6), params.toArray())
                    .map(v -> {
                        AfterCommit.run(tx, sealer::kick);
                        return null;
                    });
            }
            return db.execute(tx, "SELECT seq, hash FROM audit_head WHERE id = 1" + db.forUpdate()).compose(rs -> {
                Row head = rs.iterator().next();
                long seq = head.getLong("seq");
                String prev = head.getString("hash");
                List<Object> params = new ArrayList<>(rows.size() * 9 + 2);
                for (Queued q : rows) {
                    seq++;
                    Entry e = q.entry();
                    String hash = AuditHash.hash(seq, q.at(), e.actorId(), e.action(), e.objectType(), e.objectId(), q.details(), prev);
                    params.addAll(Arrays.asList(seq, q.at(), e.actorId(), e.action(), e.objectType(), e.objectId(), q.details(), prev,
                        hash));
                    prev = hash;
                }
                String insert = insertText(rows.size());
                long last = seq;
                String lastHash = prev;
                return db.execute(tx, insert, params.toArray())
                    .compose(v -> db.execute(tx, "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", last, lastHash))
                    .mapEmpty();
            });
        }
    }

    static String insertText(int rows) {
        return valuesText("INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, details, prev_hash, hash) VALUES ",
            rows, 9);
    }

    /** {@code insert} followed by {@code rows} tuples of {@code columns} numbered parameters. */
    private static String valuesText(String insert, int rows, int columns) {
        StringBuilder q = new StringBuilder(insert);
        for (int r = 0; r < rows; r++) {
            q.append(r == 0 ? "(" : ", (");
            for (int i = 1; i <= columns; i++) {
                q.append(i == 1 ? "$" : ", $").append(r * columns + i);
            }
            q.append(')');
        }
        return q.toString();
    }

    /** Walks the whole chain, once every committed row is on it; see {@link AuditVerifier}. */
    public Future<AuditVerifier.Result> verify() {
        return sealed().compose(v -> new AuditVerifier(db).verify());
    }

    Database db() {
        return db;
    }
}
