package com.sealflow.server.stats;

import java.util.List;

/**
 * The rollup's SQL, one aggregate per table written once and used three ways: with sign +1/-1 and a one-row filter to
 * add or take back a row's contribution (the projection), over everything to build it (the backfill), and over a
 * partial day at a period's edge (the queries). Days are {@code (at + offset) / 86400000} with the company zone's
 * standard offset, so the same instant always lands on the same day.
 */
final class RollupSql {

    static final long DAY = 86_400_000L;

    static final List<String> FLOW_KEY = List.of("day_no", "flow_key", "department_id");
    static final List<String> FLOW_SUMS = List.of("submitted", "approved", "rejected", "withdrawn", "cancelled", "returned", "ended",
        "dur_sum");
    static final List<String> HIST_FLOW_KEY = List.of("day_no", "flow_key", "bucket");
    static final List<String> NODE_KEY = List.of("day_no", "flow_key", "node_id");
    static final List<String> NODE_SUMS = List.of("total", "passed", "rejected", "returned", "withdrawn", "dur_sum", "overdue");
    static final List<String> HIST_NODE_KEY = List.of("day_no", "flow_key", "node_id", "bucket");
    static final List<String> PRESS_KEY = List.of("day_no", "seal_id", "device_id");
    static final List<String> PRESS_SUMS = List.of("presses", "flagged");

    private final long offset;

    RollupSql(long offset) {
        this.offset = offset;
    }

    long offset() {
        return offset;
    }

    private String day(String column) {
        return "((" + column + " + " + offset + ") / " + DAY + ")";
    }

    private static String when(String condition) {
        return "SUM(CASE WHEN " + condition + " THEN 1 ELSE 0 END)";
    }

    /** Per started day, flow and department: how the requests submitted that day ended. */
    String flowAgg(int sign, String where) {
        return "SELECT " + day("started_at") + " AS day_no, flow_key, COALESCE(department_id, '') AS department_id, "
            + sign + " * COUNT(*) AS submitted, " + sign + " * " + when("result = 'APPROVED'") + " AS approved, "
            + sign + " * " + when("result = 'REJECTED'") + " AS rejected, " + sign + " * " + when("result = 'WITHDRAWN'")
            + " AS withdrawn, " + sign + " * " + when("result = 'CANCELLED'") + " AS cancelled, " + sign + " * " + when("returns > 0")
            + " AS returned, " + sign + " * " + when("result IS NOT NULL") + " AS ended, " + sign
            + " * SUM(COALESCE(duration_ms, 0)) AS dur_sum FROM stats_instance WHERE " + where + " GROUP BY 1, 2, 3";
    }

    String flowHistAgg(int sign, String where) {
        return "SELECT " + day("started_at") + " AS day_no, flow_key, " + Buckets.sql("duration_ms") + " AS bucket, " + sign
            + " * COUNT(*) AS n FROM stats_instance WHERE " + where + " AND duration_ms IS NOT NULL GROUP BY 1, 2, 3";
    }

    /** Per left day, flow and node: closed stays, how they ended, durations and stays over the node's limit. */
    String nodeAgg(int sign, String where) {
        return "SELECT " + day("v.left_at") + " AS day_no, v.flow_key, v.node_id, MAX(v.node_name) AS node_name, MAX(v.kind) AS kind, "
            + sign + " * COUNT(*) AS total, " + sign + " * " + when("v.outcome = 'APPROVED'") + " AS passed, " + sign + " * "
            + when("v.outcome = 'REJECTED'") + " AS rejected, " + sign + " * " + when("v.outcome = 'RETURNED'") + " AS returned, "
            + sign + " * " + when("v.outcome = 'WITHDRAWN'") + " AS withdrawn, " + sign + " * SUM(COALESCE(v.duration_ms, 0)) AS dur_sum, "
            + sign + " * " + when("v.duration_ms > l.limit_ms") + " AS overdue, "
            + (sign > 0 ? "MAX(v.duration_ms)" : "CAST(NULL AS BIGINT)") + " AS max_ms "
            + "FROM stats_node_visit v JOIN stats_instance i ON i.instance_id = v.instance_id LEFT JOIN stats_node_limit l "
            + "ON l.flow_key = i.flow_key AND l.flow_version = i.flow_version AND l.node_id = v.node_id WHERE " + where
            + " AND v.left_at IS NOT NULL GROUP BY 1, 2, 3";
    }

    String nodeHistAgg(int sign, String where) {
        return "SELECT " + day("v.left_at") + " AS day_no, v.flow_key, v.node_id, " + Buckets.sql("v.duration_ms") + " AS bucket, "
            + sign + " * COUNT(*) AS n FROM stats_node_visit v WHERE " + where + " AND v.left_at IS NOT NULL GROUP BY 1, 2, 3, 4";
    }

    String pressAgg(int sign, String where) {
        return "SELECT " + day("at") + " AS day_no, COALESCE(seal_id, '') AS seal_id, device_id, " + sign + " * COUNT(*) AS presses, "
            + sign + " * SUM(flagged) AS flagged FROM stats_press WHERE " + where + " GROUP BY 1, 2, 3";
    }

    /** INSERT … SELECT {@code agg} that adds onto existing rows of the same key. */
    static String upsert(String table, List<String> key, List<String> sums, List<String> extra, String agg) {
        StringBuilder cols = new StringBuilder(String.join(", ", key));
        sums.forEach(s -> cols.append(", ").append(s));
        extra.forEach(s -> cols.append(", ").append(s));
        StringBuilder set = new StringBuilder();
        for (String s : sums) {
            set.append(set.isEmpty() ? "" : ", ").append(s).append(" = ").append(table).append('.').append(s)
                .append(" + excluded.").append(s);
        }
        for (String e : extra) {
            set.append(", ").append(e).append(" = ").append(e.equals("max_ms")
                ? "CASE WHEN " + table + ".max_ms IS NULL OR excluded.max_ms > " + table + ".max_ms THEN excluded.max_ms ELSE "
                    + table + ".max_ms END"
                : "COALESCE(excluded." + e + ", " + table + "." + e + ")");
        }
        return "INSERT INTO " + table + " (" + cols + ") SELECT " + cols + " FROM (" + agg + ") a WHERE 1 = 1 ON CONFLICT ("
            + String.join(", ", key) + ") DO UPDATE SET " + set;
    }

    String flowUpsert(int sign, String where) {
        return upsert("stats_flow_day", FLOW_KEY, FLOW_SUMS, List.of(), flowAgg(sign, where));
    }

    String flowHistUpsert(int sign, String where) {
        return upsert("stats_flow_hist", HIST_FLOW_KEY, List.of("n"), List.of(), flowHistAgg(sign, where));
    }

    String nodeUpsert(int sign, String where) {
        return upsert("stats_node_day", NODE_KEY, NODE_SUMS, List.of("node_name", "kind", "max_ms"), nodeAgg(sign, where));
    }

    String nodeHistUpsert(int sign, String where) {
        return upsert("stats_node_hist", HIST_NODE_KEY, List.of("n"), List.of(), nodeHistAgg(sign, where));
    }

    String pressUpsert(int sign, String where) {
        return upsert("stats_press_day", PRESS_KEY, PRESS_SUMS, List.of(), pressAgg(sign, where));
    }
}
