package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import com.sealflow.server.evidence.EvidenceListener;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The presses one transaction of the evidence intake adds and the flags raised on them, written to the statistics
 * together right before its COMMIT: the presses in one batch (each already flagged when a flag of it came with it),
 * one rollup upsert over the presses that were new, the flags in one batch. The one-at-a-time path wrote a press and
 * its rollup contribution, then, per flag, took the contribution back, updated the press and added it again: the
 * same rows and the same rollup in a handful of statements a transaction instead of about ten a press.
 */
final class PressBatch {

    private final Map<String, EvidenceListener.Press> presses = new LinkedHashMap<>();
    private final Set<String> flagged = new HashSet<>();
    private final List<EvidenceListener.Anomaly> anomalies = new ArrayList<>();

    boolean holds(String pressId) {
        return pressId != null && presses.containsKey(pressId);
    }

    void press(EvidenceListener.Press p) {
        presses.put(p.pressId(), p);
    }

    /** A flag on a press of this batch (or on none): the press is written flagged. */
    void anomaly(EvidenceListener.Anomaly a) {
        if (a.pressId() != null) {
            flagged.add(a.pressId());
        }
        anomalies.add(a);
    }

    Future<Void> write(Database db, SqlConnection tx, Rollup rollup) {
        Future<Void> written = Future.succeededFuture();
        if (!presses.isEmpty()) {
            // a press told twice (already there) keeps its one contribution; the batch's results do not say which rows
            // an insert skipped on every driver, so those are read first
            List<String> ids = new ArrayList<>(presses.keySet());
            written = rollup.existingPresses(tx, ids).compose(there -> {
                List<Tuple> rows = new ArrayList<>(presses.size());
                List<String> added = new ArrayList<>(presses.size());
                for (EvidenceListener.Press p : presses.values()) {
                    if (!there.contains(p.pressId())) {
                        added.add(p.pressId());
                        rows.add(Tuple.of(p.pressId(), p.deviceId(), p.sealId(), p.requestId(), p.at(),
                            flagged.contains(p.pressId()) ? 1 : 0));
                    }
                }
                Future<Void> done = rows.isEmpty() ? Future.succeededFuture()
                    : db.query(tx, "INSERT INTO stats_press (press_id, device_id, seal_id, request_id, at, flagged) VALUES ($1, $2, $3, "
                        + "$4, $5, $6)").executeBatch(rows).compose(rs -> rollup.presses(tx, added));
                // a press that was there already and flagged now: its contribution moves as on the one-at-a-time path
                for (String id : flagged) {
                    if (there.contains(id)) {
                        done = done.compose(v -> rollup.setFlagged(tx, id, 1));
                    }
                }
                return done;
            });
        }
        if (!anomalies.isEmpty()) {
            List<Tuple> rows = new ArrayList<>(anomalies.size());
            for (EvidenceListener.Anomaly a : anomalies) {
                rows.add(Tuple.of(a.id() == null ? Ids.newId() : a.id(), a.kind(), a.deviceId(), a.pressId(), a.at()));
            }
            written = written.compose(v -> db.query(tx, "INSERT INTO stats_anomaly (id, kind, device_id, press_id, at) VALUES ($1, $2, "
                + "$3, $4, $5) ON CONFLICT (id) DO NOTHING").executeBatch(rows)).mapEmpty();
        }
        return written;
    }
}
