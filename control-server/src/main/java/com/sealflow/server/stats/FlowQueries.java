package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Approval statistics from the rollup (and the read model for a period's partial edge days): totals and results by
 * submission day, trends, per-flow and per-department figures. Percentiles are nearest-rank (p90 of 1..100 is the 90th
 * value) read from the duration histogram: within a bucket's width of the exact value ({@link Buckets}).
 */
final class FlowQueries {

    static final String OUTCOMES = "SUM(approved) AS approved, SUM(rejected) AS rejected, SUM(withdrawn) AS withdrawn, "
        + "SUM(cancelled) AS cancelled, SUM(submitted) - SUM(ended) AS open_count, SUM(returned) AS returned, "
        + "SUM(submitted) AS total, SUM(ended) AS ended_count, SUM(dur_sum) AS dur_sum";

    private final Database db;
    private final RollupSql sql;

    FlowQueries(Database db, RollupSql sql) {
        this.db = db;
        this.sql = sql;
    }

    RollupSql sql() {
        return sql;
    }

    static JsonObject outcomes(Row r) {
        long total = Num.lng(r, "total");
        long approved = Num.lng(r, "approved");
        long rejected = Num.lng(r, "rejected");
        long withdrawn = Num.lng(r, "withdrawn");
        long returned = Num.lng(r, "returned");
        long ended = Num.lng(r, "ended_count");
        Double avg = ended == 0 ? null : Num.lng(r, "dur_sum") / (double) ended;
        return new JsonObject().put("total", total).put("approved", approved).put("rejected", rejected)
            .put("withdrawn", withdrawn).put("cancelled", Num.lng(r, "cancelled")).put("inProgress", Num.lng(r, "open_count"))
            .put("returned", returned).put("passRate", Num.rate(approved, approved + rejected))
            .put("rejectRate", Num.rate(rejected, approved + rejected)).put("returnRate", Num.rate(returned, total))
            .put("withdrawRate", Num.rate(withdrawn, total)).put("avgDurationHours", Num.hours(avg));
    }

    /** Instance figures, optionally for one flow; {@code p50DurationHours}/{@code p90DurationHours} over ended ones. */
    Future<JsonObject> instances(Range range, String flowKey) {
        Period p = new Period(sql, range);
        String rows = p.flowRows();
        String where = flowKey == null ? "" : " WHERE flow_key = " + p.p(flowKey);
        Future<JsonObject> totals = db.execute("SELECT " + OUTCOMES + " FROM " + rows + where, p.params())
            .map(rs -> outcomes(rs.iterator().next()));
        Future<Map<String, long[]>> pct = histograms(range, flowKey);
        return Future.all(totals, pct).map(x -> {
            long[] q = pct.result().isEmpty() ? null : Buckets.p50p90(pct.result().values().iterator().next());
            return totals.result().put("p50DurationHours", q == null ? null : Num.hours(q[0]))
                .put("p90DurationHours", q == null ? null : Num.hours(q[1]));
        });
    }

    /**
     * Duration histograms of ended requests per flow, or (one entry, key "") of the requests of one flow or all flows
     * when {@code only} is given or null — the summary's figures.
     */
    private Future<Map<String, long[]>> histograms(Range range, String only) {
        Period p = new Period(sql, range);
        String rows = p.flowHistRows();
        boolean perFlow = "*".equals(only);
        String where = only == null || perFlow ? "" : " WHERE flow_key = " + p.p(only);
        String key = perFlow ? "flow_key" : "''";
        return db.execute("SELECT " + key + " AS k, bucket, SUM(n) AS n FROM " + rows + where + " GROUP BY " + (perFlow ? "flow_key, " : "")
            + "bucket", p.params()).map(FlowQueries::histogramsOf);
    }

    /** Rows (k, bucket, n) into one histogram per k. */
    static Map<String, long[]> histogramsOf(Iterable<Row> rs) {
        Map<String, long[]> m = new HashMap<>();
        for (Row r : rs) {
            long n = Num.lng(r, "n");
            if (n != 0) {
                m.computeIfAbsent(r.getString("k"), k -> Buckets.empty())[(int) Num.lng(r, "bucket")] += n;
            }
        }
        return m;
    }

    /** Submissions per day or per ISO week (Monday), with how they ended; empty buckets are filled with zeros by day. */
    Future<JsonArray> trend(Range range, String flowKey, boolean weekly) {
        long off = sql.offset();
        String bucket = weekly ? "((day_no + 3) / 7)" : "day_no";
        Period p = new Period(sql, range);
        String rows = p.flowRows();
        String where = flowKey == null ? "" : " WHERE flow_key = " + p.p(flowKey);
        return db.execute("SELECT " + bucket + " AS b, " + OUTCOMES + " FROM " + rows + where + " GROUP BY " + bucket + " ORDER BY 1",
            p.params()).map(rs -> {
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
        Period p = new Period(sql, range);
        Future<Map<String, JsonObject>> totals = db.execute("SELECT flow_key, " + OUTCOMES + " FROM " + p.flowRows()
                + " GROUP BY flow_key", p.params())
            .map(rs -> {
                Map<String, JsonObject> m = new LinkedHashMap<>();
                rs.forEach(r -> m.put(r.getString("flow_key"), outcomes(r).put("flowKey", r.getString("flow_key"))
                    .put("name", names.getOrDefault(r.getString("flow_key"), r.getString("flow_key")))));
                return m;
            });
        Future<Map<String, long[]>> pct = histograms(range, "*");
        return Future.all(totals, pct).map(x -> {
            JsonArray out = new JsonArray();
            totals.result().values().stream().sorted((a, b) -> Long.compare(b.getLong("total"), a.getLong("total"))).forEach(o -> {
                long[] h = pct.result().get(o.getString("flowKey"));
                long[] q = h == null ? null : Buckets.p50p90(h);
                out.add(o.put("p50DurationHours", q == null ? null : Num.hours(q[0]))
                    .put("p90DurationHours", q == null ? null : Num.hours(q[1])));
            });
            return out;
        });
    }

    /** Per department of the applicant at submission: counts, rates, average duration. */
    Future<JsonArray> departments(Range range, Map<String, String> names) {
        Period p = new Period(sql, range);
        return db.execute("SELECT department_id, " + OUTCOMES + " FROM " + p.flowRows() + " GROUP BY department_id", p.params())
            .map(rs -> {
                List<JsonObject> rows = new ArrayList<>();
                rs.forEach(r -> {
                    String id = r.getString("department_id").isEmpty() ? null : r.getString("department_id");
                    rows.add(outcomes(r).put("departmentId", id).put("name", names.getOrDefault(id, id)));
                });
                rows.sort((a, b) -> Long.compare(b.getLong("total"), a.getLong("total")));
                return new JsonArray(new ArrayList<>(rows));
            });
    }
}
