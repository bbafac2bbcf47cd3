package com.sealflow.server.evidence;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes of the intake that nothing later in the same transaction reads back on the usual path (the event rows with
 * their checks' outcome, press rows, anomaly rows), gathered and written in one batch each: right before COMMIT, or
 * earlier when something is about to read them ({@link #flush}: a late event's neighbours, a gap repair, the presses
 * of a token). Saves round trips to the database per event, press and flag.
 */
final class PendingWrites {

    static final String ANOMALY_INSERT = "INSERT INTO evidence_anomaly (id, kind, device_id, event_id, press_id, at, detail, "
        + "gap_from, gap_to) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    private static final String EVENT_INSERT = "INSERT INTO device_event (event_id, device_id, seq, type, at, monotonic_ms, "
        + "received_at, body, photo_sha256, prev_hash, hash, verified, flags) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
        + "$13)";
    private static final String PRESS_INSERT = "INSERT INTO press (id, event_id, device_id, seal_id, slot, request_id, token_id, "
        + "command_id, at, counter, photo_sha256, photo_due_at, flagged) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";
    private static final String EVENT_UPDATE = "UPDATE device_event SET verified = $1, flags = $2 WHERE event_id = $3";

    private final Database db;
    private final List<Tuple> newEvents = new ArrayList<>();
    private final List<Tuple> presses = new ArrayList<>();
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

    /** A new event's row, with its checks' outcome ({@code verified}, {@code flags}) as its last two columns. */
    void event(Object... row) {
        newEvents.add(Tuple.wrap(row));
    }

    void press(Object... row) {
        presses.add(Tuple.wrap(row));
    }

    void anomaly(Object... row) {
        anomalies.add(Tuple.wrap(row));
    }

    void eventChecked(String eventId, boolean verified, String flags) {
        events.add(Tuple.of(verified ? 1 : 0, flags, eventId));
    }

    /** Writes what is pending now. */
    Future<Void> flush(SqlConnection tx) {
        Future<Void> done = batch(tx, EVENT_INSERT, newEvents, Future.succeededFuture());
        done = batch(tx, PRESS_INSERT, presses, done);
        done = batch(tx, ANOMALY_INSERT, anomalies, done);
        return batch(tx, EVENT_UPDATE, events, done);
    }

    /** The rows pending for {@code sql} as one batch after {@code before} (the rows taken now, so none is written twice). */
    private Future<Void> batch(SqlConnection tx, String sql, List<Tuple> pending, Future<Void> before) {
        if (pending.isEmpty()) {
            return before;
        }
        List<Tuple> rows = new ArrayList<>(pending);
        pending.clear();
        return before.compose(v -> rows.size() == 1 ? db.query(tx, sql).execute(rows.get(0)) : db.query(tx, sql).executeBatch(rows))
            .mapEmpty();
    }
}
