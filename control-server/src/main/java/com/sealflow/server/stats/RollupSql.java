package com.sealflow.server.stats;

import com.sealflow.server.db.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The rollup's SQL, one aggregate per table written once and used three ways: with sign +1/-1 and a one-row filter to
 * add or take back a row's contribution (the projection, which appends it to the table's deltas), over everything to
 * build it (the backfill), and over a partial day at a period's edge (the queries). Days are
 * {@code (at + offset) / 86400000} with the company zone's standard offset, so the same instant always lands on the
 * same day.
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
    private final boolean inPlace;
    /** A duration column's histogram bucket: {@link Buckets#sql}, or its shorter PostgreSQL form. */
    private final UnaryOperator<String> bucket;
    /**
     * The statements an action runs, built once per table, sign and filter: they are long, and the statement caches look
     * them up by text, so the same string (its hash kept) is handed out each time. The filters are a few fixed texts.
     */
    private final Map<String, String> built = new ConcurrentHashMap<>();

    /** The SQL for readers (portable). */
    RollupSql(long offset) {
        this.offset = offset;
        this.inPlace = false;
        this.bucket = Buckets::sql;
    }

    /**
     * The SQL for the projection and the backfill on this database. SQLite: actions add their contributions to the day
     * rows directly instead of appending them to the deltas (one writer at a time, so no writer queues on a shared row,
     * and no fold is needed). PostgreSQL: histogram buckets in {@link Buckets#sqlPostgres}'s shorter form.
     */
    RollupSql(long offset, Dialect dialect) {
        this.offset = offset;
        this.inPlace = dialect == Dialect.SQLITE;
        this.bucket = dialect == Dialect.POSTGRES ? Buckets::sqlPostgres : Buckets::sql;
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
        return "SELECT " + day("started_at") + " AS day_no, flow_key, " + bucket.apply("duration_ms") + " AS bucket, " + sign
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
        return "SELECT " + day("v.left_at") + " AS day_no, v.flow_key, v.node_id, " + bucket.apply("v.duration_ms") + " AS bucket, "
            + sign + " * COUNT(*) AS n FROM stats_node_visit v WHERE " + where + " AND v.left_at IS NOT NULL GROUP BY 1, 2, 3, 4";
    }

    String pressAgg(int sign, String where) {
        return "SELECT " + day("at") + " AS day_no, COALESCE(seal_id, '') AS seal_id, device_id, " + sign + " * COUNT(*) AS presses, "
            + sign + " * SUM(flagged) AS flagged FROM stats_press WHERE " + where + " GROUP BY 1, 2, 3";
    }

    /** A rollup table: its key, the columns a fold adds up, and the columns it keeps otherwise (a name, the longest stay). */
    record Table(String name, List<String> key, List<String> sums, List<String> extra) {

        /** Where actions append their contributions until the folder adds them to {@link #name}. */
        String deltas() {
            return name + "_delta";
        }

        String columns() {
            List<String> all = new ArrayList<>(key);
            all.addAll(sums);
            all.addAll(extra);
            return String.join(", ", all);
        }
    }

    static final Table FLOW = new Table("stats_flow_day", FLOW_KEY, FLOW_SUMS, List.of());
    static final Table FLOW_HIST = new Table("stats_flow_hist", HIST_FLOW_KEY, List.of("n"), List.of());
    static final Table NODE = new Table("stats_node_day", NODE_KEY, NODE_SUMS, List.of("node_name", "kind", "max_ms"));
    static final Table NODE_HIST = new Table("stats_node_hist", HIST_NODE_KEY, List.of("n"), List.of());
    static final Table PRESS = new Table("stats_press_day", PRESS_KEY, PRESS_SUMS, List.of());
    static final List<Table> TABLES = List.of(FLOW, FLOW_HIST, NODE, NODE_HIST, PRESS);

    /** INSERT … SELECT {@code agg} that adds onto existing rows of the same key (the backfill and the fold). */
    static String upsert(Table t, String agg) {
        StringBuilder set = new StringBuilder();
        for (String s : t.sums()) {
            set.append(set.isEmpty() ? "" : ", ").append(s).append(" = ").append(t.name()).append('.').append(s)
                .append(" + excluded.").append(s);
        }
        for (String e : t.extra()) {
            set.append(", ").append(e).append(" = ").append(e.equals("max_ms")
                ? "CASE WHEN " + t.name() + ".max_ms IS NULL OR excluded.max_ms > " + t.name() + ".max_ms THEN excluded.max_ms ELSE "
                    + t.name() + ".max_ms END"
                : "COALESCE(excluded." + e + ", " + t.name() + "." + e + ")");
        }
        return "INSERT INTO " + t.name() + " (" + t.columns() + ") SELECT " + t.columns() + " FROM (" + agg + ") a WHERE 1 = 1 "
            + "ON CONFLICT (" + String.join(", ", t.key()) + ") DO UPDATE SET " + set;
    }

    /** INSERT … SELECT {@code agg} as new rows of the table's deltas: no key, so no row another transaction writes too. */
    static String append(Table t, String agg) {
        return "INSERT INTO " + t.deltas() + " (" + t.columns() + ") SELECT " + t.columns() + " FROM (" + agg + ") a";
    }

    /** The rows of {@code from} (a table's deltas) added up per key, as the table's columns. */
    static String sumOf(Table t, String from) {
        StringBuilder cols = new StringBuilder(String.join(", ", t.key()));
        t.sums().forEach(s -> cols.append(", SUM(").append(s).append(") AS ").append(s));
        t.extra().forEach(e -> cols.append(", MAX(").append(e).append(") AS ").append(e));
        return "SELECT " + cols + " FROM " + from + " GROUP BY " + String.join(", ", t.key());
    }

    /** An action's contribution: added to the day rows in place, or appended to the deltas. */
    private String add(Table t, int sign, String where, Aggregate agg) {
        return built.computeIfAbsent(t.name() + '|' + sign + '|' + where, k -> {
            String a = agg.sql(sign, where);
            return inPlace ? upsert(t, a) : append(t, a);
        });
    }

    /** One of the aggregates above. */
    private interface Aggregate {
        String sql(int sign, String where);
    }

    String flowAdd(int sign, String where) {
        return add(FLOW, sign, where, this::flowAgg);
    }

    String flowHistAdd(int sign, String where) {
        return add(FLOW_HIST, sign, where, this::flowHistAgg);
    }

    String nodeAdd(int sign, String where) {
        return add(NODE, sign, where, this::nodeAgg);
    }

    String nodeHistAdd(int sign, String where) {
        return add(NODE_HIST, sign, where, this::nodeHistAgg);
    }

    String pressAdd(int sign, String where) {
        return add(PRESS, sign, where, this::pressAgg);
    }

    /** The backfill's statements after the tables were emptied: every table built from the whole read model. */
    List<String> build() {
        return List.of(upsert(FLOW, flowAgg(1, "1 = 1")), upsert(FLOW_HIST, flowHistAgg(1, "1 = 1")), upsert(NODE, nodeAgg(1, "1 = 1")),
            upsert(NODE_HIST, nodeHistAgg(1, "1 = 1")), upsert(PRESS, pressAgg(1, "1 = 1")));
    }
}
