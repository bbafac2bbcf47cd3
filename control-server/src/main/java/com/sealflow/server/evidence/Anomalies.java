package com.sealflow.server.evidence;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes anomaly flags; a flag on a press also marks the press as flagged for the review list. */
final class Anomalies {

    private final Database db;
    final List<EvidenceListener> listeners = new CopyOnWriteArrayList<>();

    Anomalies(Database db) {
        this.db = db;
    }

    Future<Void> flag(SqlConnection tx, AnomalyKind kind, String deviceId, String eventId, String pressId, long at, String detail) {
        Future<?> insert = db.execute(tx, "INSERT INTO evidence_anomaly (id, kind, device_id, event_id, press_id, at, detail) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7)", Ids.newId(), kind.name(), deviceId, eventId, pressId, at,
            detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail);
        if (pressId != null) {
            insert = insert.compose(v -> db.execute(tx, "UPDATE press SET flagged = 1 WHERE id = $1", pressId));
        }
        Future<Void> told = insert.mapEmpty();
        for (EvidenceListener l : listeners) {
            told = told.compose(v -> l.onAnomaly(tx, new EvidenceListener.Anomaly(kind.name(), deviceId, pressId, at)));
        }
        return told;
    }
}
