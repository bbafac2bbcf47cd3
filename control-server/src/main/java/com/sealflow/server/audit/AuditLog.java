package com.sealflow.server.audit;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Dialect;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;

/**
 * The append-only, hash-chained audit log. Every module writes its rows with {@link #append} inside the
 * transaction of the action it records, so the action and its audit row commit or vanish together.
 *
 * <p>Appending locks the chain head row until the transaction ends: two concurrent appends can never fork
 * the chain, but audited transactions serialise on it, so append as the last statement of a transaction.
 */
public final class AuditLog {

    private static final String INSERT = "INSERT INTO audit_log (seq, at, actor, action, object_type, object_id, details,"
        + " prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

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

    /** Appends inside the caller's transaction; completes with the row's sequence number. */
    public Future<Long> append(SqlConnection tx, Entry e) {
        long at = clock.millis();
        String details = AuditHash.canonical(e.details());
        return db.execute(tx, "SELECT seq, hash FROM audit_head WHERE id = 1" + db.forUpdate())
            .compose(rs -> {
                Row head = rs.iterator().next();
                long seq = head.getLong("seq") + 1;
                String prev = head.getString("hash");
                String hash = AuditHash.hash(seq, at, e.actorId(), e.action(), e.objectType(), e.objectId(), details, prev);
                Object[] row = {seq, at, e.actorId(), e.action(), e.objectType(), e.objectId(), details, prev, hash};
                if (db.dialect() == Dialect.POSTGRES) {
                    // the row and the new head in one statement: the head stays locked one round trip less
                    return db.execute(tx, "WITH head AS (UPDATE audit_head SET seq = $1, hash = $9 WHERE id = 1) " + INSERT, row).map(seq);
                }
                return db.execute(tx, INSERT, row)
                    .compose(v -> db.execute(tx, "UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", seq, hash))
                    .map(seq);
            });
    }

    public Future<Long> append(SqlConnection tx, String actorId, String action, String objectType, String objectId,
                               JsonObject details) {
        return append(tx, new Entry(actorId, action, objectType, objectId, details == null ? new JsonObject() : details));
    }

    /** For events that have no transaction of their own (a failed login): one transaction just for the row. */
    public Future<Long> appendAlone(Entry e) {
        return db.inTransaction(tx -> append(tx, e));
    }

    /** Walks the whole chain; see {@link AuditVerifier}. */
    public Future<AuditVerifier.Result> verify() {
        return new AuditVerifier(db).verify();
    }

    Database db() {
        return db;
    }
}
