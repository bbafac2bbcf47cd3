package com.sealflow.server.audit;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
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
 * <p>Rows are queued in their transaction and written right before it commits ({@link Database#beforeCommit}): the
 * chain head row is locked from then until the end of the transaction, so two concurrent transactions can never fork
 * the chain, and audited transactions queue on the head only for their last round trips rather than for everything
 * they do after their first audited step.
 */
public final class AuditLog {

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** An audit row to write: who ({@code actorId}: a user id, or {@code system}/{@code device:<id>}) did what to which object. */
    public record Entry(String actorId, String action, String objectType, String objectId, JsonObject details) {
        public static Entry of(String actorId, String action, String objectType, String objectId) {
            return new Entry(actorId, action, objectType, objectId, new JsonObject());
        }
    }

    /**
     * Queues the row in the caller's transaction (completes at once): it is numbered, chained and written when that
     * transaction commits, with the transaction's other rows, in the order they were appended.
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

    /** A transaction's queued rows, written right before its COMMIT: the chain head is locked from here to the end. */
    private final class Pending implements Database.BeforeCommit {

        private final SqlConnection tx;
        private final List<Queued> rows = new ArrayList<>();

        Pending(SqlConnection tx) {
            this.tx = tx;
        }

        /** Last: the chain's head is the row every audited transaction needs, so it is locked after all else. */
        @Override
        public int order() {
            return 100;
        }

        @Override
        public Future<Void> run() {
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
                if (db.dialect() == Dialect.POSTGRES) {
                    // the rows and the new head in one statement
                    int n = params.size();
                    params.add(seq);
                    params.add(prev);
                    return db.execute(tx, "WITH head AS (UPDATE audit_head SET seq = $" + (n + 1) + ", hash = $" + (n + 2)
                        + " WHERE id = 1) " + insert, params.toArray()).mapEmpty();
                }
                long last = seq;
                String lastHash = prev;
                return db.execute(tx, insert, params.toArray())
                    .compose(v -> db.execute(tx, "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", last, lastHash))
                    .mapEmpty();
            });
        }
    }

    private static String insertText(int rows) {
        StringBuilder q = new StringBuilder("INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, details,"
            + " prev_hash, hash) VALUES ");
        for (int r = 0; r < rows; r++) {
            q.append(r == 0 ? "(" : ", (");
            for (int i = 1; i <= 9; i++) {
                q.append(i == 1 ? "$" : ", $").append(r * 9 + i);
            }
            q.append(')');
        }
        return q.toString();
    }

    /** Walks the whole chain; see {@link AuditVerifier}. */
    public Future<AuditVerifier.Result> verify() {
        return new AuditVerifier(db).verify();
    }

    Database db() {
        return db;
    }
}
