package com.sealflow.server.evidence;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes of the intake that nothing later in the same transaction reads back on the usual path (an event's flags, its
 * anomaly rows), gathered and written in one batch each: right before COMMIT, or earlier when a gap repair is about to
 * read them ({@link #flush}). Saves a round trip to the database per event and flag.
 */
final class PendingWrites {

    static final String ANOMALY_INSERT = "INSERT INTO evidence_anomaly (id, kind, device_id, event_id, press_id, at, detail, "
        + "gap_from, gap_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    private static final String EVENT_UPDATE = "UPDATE device_event SET verified = $1, flags = $2 WHERE event_id = $3";

    private final Database db;
    private final List<Tuple> anomalies = new ArrayList<>();
    private final List<Tuple> events = new ArrayList<>();

    private PendingWrites(Database db) {
        this.db = db;
    }

    /** The transaction's pending writes (kept in its scratch), flushed before its COMMIT. */
    static PendingWrites of(Database db, SqlConnection tx, Map<Object, Object> scratch) {
        return (PendingWrites) scratch.computeIfAbsent(PendingWrites.class, k -> {
            PendingWrites p = new PendingWrites(db);
            db.beforeCommit(tx, p, () -> () -> p.flush(tx));
            return p;
        });
    }

    void anomaly(Object... row) {
        anomalies.add(Tuple.wrap(row));
    }

    void eventChecked(String eventId, boolean verified, String flags) {
        events.add(Tuple.of(verified ? 1 : 0, flags, eventId));
    }

    /** Writes what is pending now. */
    Future<Void> flush(SqlConnection tx) {
        Future<Void> done = Future.succeededFuture();
        if (!anomalies.isEmpty()) {
            List<Tuple> rows = new ArrayList<>(anomalies);
            anomalies.clear();
            done = db.query(tx, ANOMALY_INSERT).executeBatch(rows).mapEmpty();
        }
        if (!events.isEmpty()) {
            List<Tuple> rows = new ArrayList<>(events);
            events.clear();
            done = done.compose(v -> db.query(tx, EVENT_UPDATE).executeBatch(rows)).mapEmpty();
        }
        return done;
    }
}
