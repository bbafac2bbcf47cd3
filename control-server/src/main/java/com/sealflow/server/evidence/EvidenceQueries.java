package com.sealflow.server.evidence;

import com.sealflow.server.db.Database;
import com.sealflow.server.device.DeviceRegistry;
import com.sealflow.server.web.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads of the evidence: presses ({@code {id, requestId, deviceId, sealId, at, counter, photoSha256, flags[], review}}),
 * a device's event timeline, and security review verdicts.
 */
public final class EvidenceQueries {

    /** Filters of {@code GET /api/evidence}; null = any. */
    public record Filter(Boolean flagged, String deviceId, Long from, Long to, String requestId, int limit) {
    }

    private static final String PRESS_COLUMNS = "id, request_id, device_id, seal_id, slot, token_id, command_id, at, counter, "
        + "photo_sha256, photo_stored, flagged, review_verdict, review_comment, reviewed_by, reviewed_at";

    /** Told of each review inside the reviewing transaction (the archive chains reviews of archived requests). */
    @FunctionalInterface
    public interface ReviewListener {
        Future<Void> reviewed(io.vertx.sqlclient.SqlConnection tx, String pressId, String requestId, String verdict, String comment,
                              String userId);
    }

    private final Database db;
    private final Clock clock;
    private volatile DeviceRegistry.Audit audit = DeviceRegistry.Audit.NONE;
    private volatile ReviewListener reviewListener = (tx, pressId, requestId, verdict, comment, userId) -> Future.succeededFuture();

    public EvidenceQueries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Reviews go to the audit log in the reviewing transaction (object id = the press id). */
    public void setAudit(DeviceRegistry.Audit audit) {
        this.audit = audit == null ? DeviceRegistry.Audit.NONE : audit;
    }

    public void setReviewListener(ReviewListener listener) {
        this.reviewListener = listener;
    }

    /** Presses of a request, oldest first: what the request detail shows. */
    public Future<JsonArray> pressesOf(String requestId) {
        return pressesOf(db.pool(), requestId);
    }

    /** As {@link #pressesOf(String)}, read on {@code reads} (a connection the caller holds for its reads). */
    public Future<JsonArray> pressesOf(SqlClient reads, String requestId) {
        return presses(reads, new Filter(null, null, null, null, requestId, 1000));
    }

    public Future<JsonArray> presses(Filter f) {
        return presses(db.pool(), f);
    }

    private Future<JsonArray> presses(SqlClient reads, Filter f) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.flagged() != null) {
            params.add(f.flagged() ? 1 : 0);
            where.append(" AND flagged = $").append(params.size());
        }
        if (f.deviceId() != null) {
            params.add(f.deviceId());
            where.append(" AND device_id = $").append(params.size());
        }
        if (f.from() != null) {
            params.add(f.from());
            where.append(" AND at >= $").append(params.size());
        }
        if (f.to() != null) {
            params.add(f.to());
            where.append(" AND at < $").append(params.size());
        }
        if (f.requestId() != null) {
            params.add(f.requestId());
            where.append(" AND request_id = $").append(params.size());
        }
        String order = f.requestId() != null ? " ORDER BY at, id" : " ORDER BY at DESC, id DESC";
        int limit = Math.max(1, Math.min(f.limit(), 1000));
        return db.execute(reads, "SELECT " + PRESS_COLUMNS + " FROM press" + where + order + " LIMIT " + limit, params.toArray())
            .compose(rows -> withFlags(reads, rows));
    }

    public Future<JsonObject> press(String pressId) {
        return db.execute("SELECT " + PRESS_COLUMNS + " FROM press WHERE id = $1", pressId).compose(rows -> withFlags(db.pool(), rows))
            .compose(arr -> arr.isEmpty() ? Future.failedFuture(ProblemException.notFound("press " + pressId))
                : Future.succeededFuture(arr.getJsonObject(0)));
    }

    private Future<JsonArray> withFlags(SqlClient reads, RowSet<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEach(list::add);
        if (list.isEmpty()) {
            return Future.succeededFuture(new JsonArray());
        }
        StringBuilder in = new StringBuilder();
        Object[] ids = new Object[list.size()];
        for (int i = 0; i < list.size(); i++) {
            in.append(i == 0 ? "$" : ", $").append(i + 1);
            ids[i] = list.get(i).getString("id");
        }
        return db.execute(reads, "SELECT press_id, kind FROM evidence_anomaly WHERE press_id IN (" + in + ") AND resolved_at IS NULL "
            + "ORDER BY at, id", ids).map(fs -> {
            Map<String, Set<String>> flags = new HashMap<>();
            fs.forEach(r -> flags.computeIfAbsent(r.getString("press_id"), k -> new LinkedHashSet<>()).add(r.getString("kind")));
            JsonArray out = new JsonArray();
            list.forEach(r -> out.add(pressJson(r, flags.getOrDefault(r.getString("id"), Set.of()))));
            return out;
        });
    }

    private static JsonObject pressJson(Row r, Set<String> flags) {
        JsonObject review = r.getString("review_verdict") == null ? null : new JsonObject().put("verdict", r.getString("review_verdict"))
            .put("comment", r.getString("review_comment")).put("by", r.getString("reviewed_by")).put("at", r.getLong("reviewed_at"));
        return new JsonObject().put("id", r.getString("id")).put("requestId", r.getString("request_id"))
            .put("deviceId", r.getString("device_id")).put("sealId", r.getString("seal_id")).put("slot", r.getInteger("slot"))
            .put("tokenId", r.getString("token_id")).put("commandId", r.getString("command_id")).put("at", r.getLong("at"))
            .put("counter", r.getLong("counter")).put("photoSha256", r.getString("photo_sha256"))
            .put("photoStored", r.getInteger("photo_stored") == 1).put("flags", new JsonArray(new ArrayList<>(flags)))
            .put("review", review);
    }

    /** Records a security review; a later review replaces the earlier one (both are in the audit log). */
    public Future<JsonObject> review(String pressId, String verdict, String comment, String userId) {
        if (!"OK".equals(verdict) && !"SUSPICIOUS".equals(verdict)) {
            return Future.failedFuture(ProblemException.invalidField("verdict", "verdict must be OK or SUSPICIOUS"));
        }
        if (comment != null && comment.length() > 2000) {
            return Future.failedFuture(ProblemException.invalidField("comment", "comment is at most 2000 characters"));
        }
        return db.inTransaction(tx -> db.execute(tx, "UPDATE press SET review_verdict = $1, review_comment = $2, reviewed_by = $3, "
                + "reviewed_at = $4 WHERE id = $5", verdict, comment, userId, clock.millis(), pressId)
            .compose(rs -> rs.rowCount() == 0 ? Future.failedFuture(ProblemException.notFound("press " + pressId))
                : audit.record(tx, userId, "evidence.review", pressId, new JsonObject().put("verdict", verdict).put("comment", comment)))
            .compose(v -> db.execute(tx, "SELECT request_id FROM press WHERE id = $1", pressId))
            .compose(rs -> reviewListener.reviewed(tx, pressId, rs.iterator().next().getString(0), verdict, comment, userId)))
            .compose(v -> press(pressId));
    }

    /** A device's events, newest first, with their flags (device-wide anomalies included). */
    public Future<JsonArray> deviceEvents(String deviceId, int limit) {
        return db.execute("SELECT event_id, seq, type, at, received_at, body, photo_sha256, verified, flags FROM device_event "
            + "WHERE device_id = $1 ORDER BY seq DESC, received_at DESC LIMIT " + Math.max(1, Math.min(limit, 1000)), deviceId).map(rs -> {
                JsonArray out = new JsonArray();
                rs.forEach(r -> out.add(new JsonObject().put("eventId", r.getString("event_id")).put("seq", r.getLong("seq"))
                    .put("type", r.getString("type")).put("at", r.getLong("at")).put("receivedAt", r.getLong("received_at"))
                    .put("body", new JsonObject(r.getString("body"))).put("photoSha256", r.getString("photo_sha256"))
                    .put("verified", r.getInteger("verified") == 1)
                    .put("flags", r.getString("flags") == null ? new JsonArray()
                        : new JsonArray(List.of(r.getString("flags").split(","))))));
                return out;
            });
    }

    /** Anomalies (all kinds, including those not tied to a press), newest first; resolved ones included. */
    public Future<JsonArray> anomalies(String deviceId, int limit) {
        return anomalies(deviceId, null, limit);
    }

    /**
     * Anomalies, newest first. {@code open}: null for all, true for those still open, false for those resolved (a
     * chain gap whose events all arrived later: kept with {@code resolvedAt} and {@code resolution}).
     */
    public Future<JsonArray> anomalies(String deviceId, Boolean open, int limit) {
        List<String> where = new ArrayList<>();
        Object[] params = deviceId == null ? new Object[0] : new Object[] {deviceId};
        if (deviceId != null) {
            where.add("device_id = $1");
        }
        if (open != null) {
            where.add(open ? "resolved_at IS NULL" : "resolved_at IS NOT NULL");
        }
        return db.execute("SELECT id, kind, device_id, event_id, press_id, at, detail, gap_from, gap_to, resolved_at, resolution "
            + "FROM evidence_anomaly" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY at DESC, id DESC LIMIT " + Math.max(1, Math.min(limit, 1000)), params).map(rs -> {
                JsonArray out = new JsonArray();
                rs.forEach(r -> {
                    JsonObject a = new JsonObject().put("id", r.getString("id")).put("kind", r.getString("kind"))
                        .put("deviceId", r.getString("device_id")).put("eventId", r.getString("event_id"))
                        .put("pressId", r.getString("press_id")).put("at", r.getLong("at")).put("detail", r.getString("detail"))
                        .put("open", r.getLong("resolved_at") == null).put("resolvedAt", r.getLong("resolved_at"))
                        .put("resolution", r.getString("resolution"));
                    if (r.getLong("gap_from") != null) {
                        a.put("missingSeqs", new JsonObject().put("from", r.getLong("gap_from")).put("to", r.getLong("gap_to")));
                    }
                    out.add(a);
                });
                return out;
            });
    }
}
