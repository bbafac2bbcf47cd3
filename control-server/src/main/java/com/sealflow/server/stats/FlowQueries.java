package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Approval statistics from the read model: totals and results by submission time, trends, per-flow and
 * per-department figures. Percentiles are nearest-rank (p90 of 1..100 is 90), computed by the database.
 */
final class FlowQueries {

    static final String OUTCOMES = "SUM(CASE WHEN result = 'APPROVED' THEN 1 ELSE 0 END) AS approved, "
        + "SUM(CASE WHEN result = 'REJECTED' THEN 1 ELSE 0 END) AS rejected, "
        + "SUM(CASE WHEN result = 'WITHDRAWN' THEN 1 ELSE 0 END) AS withdrawn, "
        + "SUM(CASE WHEN result = 'CANCELLED' THEN 1 ELSE 0 END) AS cancelled, "
        + "SUM(CASE WHEN result IS NULL THEN 1 ELSE 0 END) AS open_count, "
        + "SUM(CASE WHEN returns > 0 THEN 1 ELSE 0 END) AS returned, COUNT(*) AS total, AVG(duration_ms) AS avg_ms";

    private final Database db;
    private final ZoneId zone;

    FlowQueries(Database db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    /** Offset of the company's zone, inlined into day arithmetic (a computed number, never user input). */
    long offsetMs(long at) {
        return zone.getRules().getOffset(java.time.Instant.ofEpochMilli(at)).getTotalSeconds() * 1000L;
    }

    static JsonObject outcomes(Row r) {
        long total = Num.lng(r, "total");
        long approved = Num.lng(r, "approved");
        long rejected = Num.lng(r, "rejected");
        long withdrawn = Num.lng(r, "withdrawn");
        long returned = Num.lng(r, "returned");
        return new JsonObject().put("total", total).put("approved", approved).put("rejected", rejected)
            .put("withdrawn", withdrawn).put("cancelled", Num.lng(r, "cancelled")).put("inProgress", Num.lng(r, "open_count"))
            .put("returned", returned).put("passRate", Num.rate(approved, approved + rejected))
            .put("rejectRate", Num.rate(rejected, approved + rejected)).put("returnRate", Num.rate(returned, total))
            .put("withdrawRate", Num.rate(withdrawn, total)).put("avgDurationHours", Num.hours(Num.dbl(r, "avg_ms")));
    }

    /** Instance figures, optionally for one flow; {@code p50DurationHours}/{@code p90DurationHours} over ended ones. */
    Future<JsonObject> instances(Range range, String flowKey) {
        String where = " WHERE started_at >= $1 AND started_at < $2" + (flowKey == null ? "" : " AND flow_key = $3");
        Object[] args = flowKey == null ? new Object[] {range.from(), range.to()} : new Object[] {range.from(), range.to(), flowKey};
        Future<JsonObject> totals = db.execute("SELECT " + OUTCOMES + " FROM stats_instance" + where, args)
            .map(rs -> outcomes(rs.iterator().next()));
        Future<long[]> pct = db.execute("SELECT rn, duration_ms FROM (SELECT duration_ms, ROW_NUMBER() OVER (ORDER BY duration_ms) AS rn, "
                + "COUNT(*) OVER () AS n FROM stats_instance" + where + " AND duration_ms IS NOT NULL) t WHERE rn = " + Num.RANK50
                + " OR rn = " + Num.RANK90 + " ORDER BY rn", args)
            .map(rs -> {
                List<Long> v = new ArrayList<>();
                rs.forEach(r -> v.add(r.getLong("duration_ms")));
                return v.isEmpty() ? null : new long[] {v.get(0), v.get(v.size() - 1)};
            });
        return Future.all(totals, pct).map(x -> {
            long[] p = pct.result();
            return totals.result().put("p50DurationHours", p == null ? null : Num.hours(p[0]))
                .put("p90DurationHours", p == null ? null : Num.hours(p[1]));
        });
    }

    /** Submissions per day or per ISO week (Monday), with how they ended; empty buckets are filled with zeros by day. */
    Future<JsonArray> trend(Range range, String flowKey, boolean weekly) {
        long off = offsetMs(range.from());
        String day = "((started_at + " + off + ") / 86400000)";
        String bucket = weekly ? "((" + day + " + 3) / 7)" : day;
        String where = " WHERE started_at >= $1 AND started_at < $2" + (flowKey == null ? "" : " AND flow_key = $3");
        Object[] args = flowKey == null ? new Object[] {range.from(), range.to()} : new Object[] {range.from(), range.to(), flowKey};
        return db.execute("SELECT " + bucket + " AS b, " + OUTCOMES + " FROM stats_instance" + where + " GROUP BY " + bucket
            + " ORDER BY 1", args).map(rs -> {
                Map<Long, JsonObject> byBucket = new HashMap<>();
                for (Row r : rs) {
                    JsonObject o = outcomes(r);
                    byBucket.put(Num.lng(r, "b"), new JsonObject().put("submitted", o.getLong("total"))
                        .put("approved", o.getLong("approved")).put("rejected", o.getLong("rejected"))
                        .put("withdrawn", o.getLong("withdrawn")).put("returned", o.getLong("returned"))
                        .put("avgDurationHours", o.getDouble("avgDurationHours")));
                }
                long first = (range.from() + off) / 86_400_000L;
                long last = (range.to() - 1 + off) / 86_400_000L;
                if (weekly) {
                    first = (first + 3) / 7;
                    last = (last + 3) / 7;
                }
                JsonArray out = new JsonArray();
                for (long b = first; b <= last; b++) {
                    LocalDate date = LocalDate.ofEpochDay(weekly ? b * 7 - 3 : b);
                    JsonObject row = byBucket.getOrDefault(b, new JsonObject().put("submitted", 0L).put("approved", 0L)
                        .put("rejected", 0L).put("withdrawn", 0L).put("returned", 0L).putNull("avgDurationHours"));
                    out.add(new JsonObject().put("date", date.toString()).mergeIn(row));
                }
                return out;
            });
    }

    /** Per flow: counts, rates and duration percentiles, busiest first. */
    Future<JsonArray> flows(Range range, Map<String, String> names) {
        String where = " WHERE started_at >= $1 AND started_at < $2";
        Future<Map<String, JsonObject>> totals = db.execute("SELECT flow_key, " + OUTCOMES + " FROM stats_instance" + where
                + " GROUP BY flow_key", range.from(), range.to())
            .map(rs -> {
                Map<String, JsonObject> m = new LinkedHashMap<>();
                rs.forEach(r -> m.put(r.getString("flow_key"), outcomes(r).put("flowKey", r.getString("flow_key"))
                    .put("name", names.getOrDefault(r.getString("flow_key"), r.getString("flow_key")))));
                return m;
            });
        Future<Map<String, long[]>> pct = percentiles(db, "SELECT flow_key AS k, duration_ms, ROW_NUMBER() OVER (PARTITION BY flow_key "
            + "ORDER BY duration_ms) AS rn, COUNT(*) OVER (PARTITION BY flow_key) AS n FROM stats_instance" + where
            + " AND duration_ms IS NOT NULL", range.from(), range.to());
        return Future.all(totals, pct).map(x -> {
            JsonArray out = new JsonArray();
            totals.result().values().stream().sorted((a, b) -> Long.compare(b.getLong("total"), a.getLong("total"))).forEach(o -> {
                long[] p = pct.result().get(o.getString("flowKey"));
                out.add(o.put("p50DurationHours", p == null ? null : Num.hours(p[0]))
                    .put("p90DurationHours", p == null ? null : Num.hours(p[1])));
            });
            return out;
        });
    }

    /** Runs a windowed query (columns k, duration_ms, rn, n) and keeps p50 and p90 per key. */
    static Future<Map<String, long[]>> percentiles(Database db, String windowed, Object... args) {
        return db.execute("SELECT k, rn, duration_ms, n FROM (" + windowed + ") t WHERE rn = " + Num.RANK50 + " OR rn = " + Num.RANK90
            + " ORDER BY k, rn", args).map(rs -> {
                Map<String, long[]> m = new HashMap<>();
                for (Row r : rs) {
                    long[] p = m.computeIfAbsent(r.getString("k"), k -> new long[2]);
                    long rn = Num.lng(r, "rn");
                    long n = Num.lng(r, "n");
                    long v = Num.lng(r, "duration_ms");
                    if (rn == (n + 1) / 2) {
                        p[0] = v;
                    }
                    if (rn == (9 * n + 9) / 10) {
                        p[1] = v;
                    }
                }
                return m;
            });
    }

    /** Per department of the applicant at submission: counts, rates, average duration. */
    Future<JsonArray> departments(Range range, Map<String, String> names) {
        return db.execute("SELECT department_id, " + OUTCOMES + " FROM stats_instance WHERE started_at >= $1 AND started_at < $2 "
            + "GROUP BY department_id", range.from(), range.to()).map(rs -> {
                List<JsonObject> rows = new ArrayList<>();
                rs.forEach(r -> rows.add(outcomes(r).put("departmentId", r.getString("department_id"))
                    .put("name", names.getOrDefault(r.getString("department_id"), r.getString("department_id")))));
                rows.sort((a, b) -> Long.compare(b.getLong("total"), a.getLong("total")));
                return new JsonArray(new ArrayList<>(rows));
            });
    }
}
