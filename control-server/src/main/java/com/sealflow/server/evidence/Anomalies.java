package com.sealflow.server.evidence;

import com.sealflow.server.db.Database;
import com.sealflow.server.db.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Writes anomaly flags; a flag on a press also marks the press as flagged for the review list. A chain gap's flag
 * is resolved (kept, with {@code resolved_at} and its resolution) once every missing event has arrived and linked.
 */
final class Anomalies {

    /** Resolution of a CHAIN_BROKEN flag whose missing events all arrived later and link into the chain. */
    static final String GAP_REPAIRED = "GAP_REPAIRED";
    /** Flags that say an event is not (yet) part of a verified chain: as in EvidenceIntake's {@code verified}. */
    private static final Set<String> UNVERIFIED = Set.of("CHAIN_BROKEN", "COUNTER_BACKWARDS", "BAD_SIGNATURE", "CLOCK_SKEW");

    /** Missing seqs of a device's chain, both ends included. */
    record Gap(long from, long to) {
    }

    private final Database db;
    final List<EvidenceListener> listeners = new CopyOnWriteArrayList<>();

    Anomalies(Database db) {
        this.db = db;
    }

    Future<Void> flag(SqlConnection tx, AnomalyKind kind, String deviceId, String eventId, String pressId, long at, String detail) {
        return flag(tx, kind, deviceId, eventId, pressId, at, detail, null);
    }

    Future<Void> flag(SqlConnection tx, AnomalyKind kind, String deviceId, String eventId, String pressId, long at, String detail,
                      Gap gap) {
        return flag(tx, new Flag(kind, deviceId, eventId, pressId, at, detail, gap), false);
    }

    /** One flag to raise; {@code pressId} and {@code gap} may be null. */
    record Flag(AnomalyKind kind, String deviceId, String eventId, String pressId, long at, String detail, Gap gap) {
    }

    /** Raises the flag; {@code pressMarked}: its press was written flagged already (no UPDATE of it needed). */
    Future<Void> flag(SqlConnection tx, Flag f, boolean pressMarked) {
        return flag(tx, f, pressMarked, null);
    }

    /** As {@link #flag(SqlConnection, Flag, boolean)}; with {@code later}, the anomaly's row joins the transaction's batch. */
    Future<Void> flag(SqlConnection tx, Flag f, boolean pressMarked, PendingWrites later) {
        String detail = f.detail();
        String id = Ids.newId();
        Object[] row = {id, f.kind().name(), f.deviceId(), f.eventId(), f.pressId(), f.at(),
            detail == null ? null : detail.length() > 500 ? detail.substring(0, 500) : detail,
            f.gap() == null ? null : f.gap().from(), f.gap() == null ? null : f.gap().to()};
        Future<?> insert;
        if (later != null) {
            later.anomaly(row);
            insert = Future.succeededFuture();
        } else {
            insert = db.execute(tx, PendingWrites.ANOMALY_INSERT, row);
        }
        if (f.pressId() != null && !pressMarked) {
            insert = insert.compose(v -> db.execute(tx, "UPDATE press SET flagged = 1 WHERE id = $1", f.pressId()));
        }
        Future<Void> told = insert.mapEmpty();
        for (EvidenceListener l : listeners) {
            told = told.compose(v -> l.onAnomaly(tx, new EvidenceListener.Anomaly(f.kind().name(), f.deviceId(), f.pressId(), f.at(),
                id)));
        }
        return told;
    }

    /**
     * A late event at {@code seq} was taken into the chain: every open gap flag of the device covering it whose
     * missing seqs are now all stored (none of them refused as a second event for its seq or a forgery) is
     * resolved. Its event loses CHAIN_BROKEN (verified again when nothing else is wrong with it) and its press is
     * no longer flagged unless another open flag says so.
     */
    Future<Void> repairGaps(SqlConnection tx, String deviceId, long seq, long now) {
        return db.execute(tx, "SELECT id, event_id, press_id, at, gap_from, gap_to FROM evidence_anomaly WHERE device_id = $1 "
                + "AND resolved_at IS NULL AND gap_from IS NOT NULL AND gap_to >= $2 AND gap_from <= $3", deviceId, seq, seq)
            .compose(rs -> {
                Future<Void> chain = Future.succeededFuture();
                for (Row r : rs) {
                    chain = chain.compose(v -> repairIfComplete(tx, deviceId, r, now));
                }
                return chain;
            });
    }

    private Future<Void> repairIfComplete(SqlConnection tx, String deviceId, Row gap, long now) {
        long from = gap.getLong("gap_from");
        long to = gap.getLong("gap_to");
        return db.execute(tx, "SELECT COUNT(DISTINCT seq) AS n FROM device_event WHERE device_id = $1 AND seq >= $2 AND seq <= $3 "
                + "AND (flags IS NULL OR (flags NOT LIKE '%COUNTER_BACKWARDS%' AND flags NOT LIKE '%BAD_SIGNATURE%'))", deviceId, from, to)
            .compose(rs -> rs.iterator().next().getLong("n") < to - from + 1 ? Future.succeededFuture()
                : resolve(tx, deviceId, gap, now, "seq " + from + ".." + to + " arrived and links"));
    }

    private Future<Void> resolve(SqlConnection tx, String deviceId, Row gap, long now, String how) {
        String eventId = gap.getString("event_id");
        String pressId = gap.getString("press_id");
        // only a flag still open is resolved (and told): a flag is resolved once
        return db.execute(tx, "UPDATE evidence_anomaly SET resolved_at = $1, resolution = $2, detail = "
                + "CASE WHEN detail IS NULL THEN $3 ELSE detail || '; ' || $4 END WHERE id = $5 AND resolved_at IS NULL",
                now, GAP_REPAIRED, how, how, gap.getString("id"))
            .compose(rs -> rs.rowCount() == 0 ? Future.succeededFuture() : resolved(tx, deviceId, gap, eventId, pressId));
    }

    private Future<Void> resolved(SqlConnection tx, String deviceId, Row gap, String eventId, String pressId) {
        Future<?> done = db.execute(tx, "SELECT flags FROM device_event WHERE event_id = $1", eventId)
            .compose(rs -> {
                Row e = rs.size() == 0 ? null : rs.iterator().next();
                if (e == null || e.getString("flags") == null) {
                    return Future.succeededFuture();
                }
                List<String> rest = new ArrayList<>(Arrays.asList(e.getString("flags").split(",")));
                rest.remove("CHAIN_BROKEN");
                boolean verified = rest.stream().noneMatch(UNVERIFIED::contains);
                return db.execute(tx, "UPDATE device_event SET flags = $1, verified = $2 WHERE event_id = $3",
                    rest.isEmpty() ? null : String.join(",", rest), verified ? 1 : 0, eventId);
            });
        if (pressId != null) {
            done = done.compose(v -> db.execute(tx, "UPDATE press SET flagged = CASE WHEN EXISTS (SELECT 1 FROM evidence_anomaly "
                + "WHERE press_id = $1 AND resolved_at IS NULL) THEN 1 ELSE 0 END WHERE id = $2", pressId, pressId));
        }
        Future<Void> told = done.mapEmpty();
        EvidenceListener.Anomaly a = new EvidenceListener.Anomaly(AnomalyKind.CHAIN_BROKEN.name(), deviceId, pressId, gap.getLong("at"),
            gap.getString("id"));
        for (EvidenceListener l : listeners) {
            told = told.compose(v -> l.onAnomalyResolved(tx, a));
        }
        return told;
    }
}
