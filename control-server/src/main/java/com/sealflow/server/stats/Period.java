package com.sealflow.server.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Range} as the rollup reads it: the whole days inside it come from the rollup tables (the day rows and the
 * deltas not folded into them yet, read in the same statement, so a fold changes nothing), the partial days at
 * its edges (a period given in epoch millis, or a day that does not start at the rollup's midnight) from the read model
 * through the same aggregates. Each {@code *Rows} method returns a derived table {@code t} with the rollup's columns and
 * appends its parameters to {@link #args}; the caller adds its own after them.
 */
final class Period {

    private final RollupSql sql;
    private final long firstDay;
    private final long endDay;
    private final long[] edges;
    final List<Object> args = new ArrayList<>();

    Period(RollupSql sql, Range range) {
        this.sql = sql;
        long off = sql.offset();
        long d1 = Math.floorDiv(range.from() + off + RollupSql.DAY - 1, RollupSql.DAY);
        long d2 = Math.floorDiv(range.to() + off, RollupSql.DAY);
        if (d1 >= d2) {
            firstDay = 0;
            endDay = 0;
            edges = new long[] {range.from(), range.to(), 0, 0};
        } else {
            firstDay = d1;
            endDay = d2;
            edges = new long[] {range.from(), d1 * RollupSql.DAY - off, d2 * RollupSql.DAY - off, range.to()};
        }
    }

    /** A parameter placeholder for {@code value}. */
    String p(Object value) {
        args.add(value);
        return "$" + args.size();
    }

    private String days() {
        return " WHERE day_no >= " + p(firstDay) + " AND day_no < " + p(endDay);
    }

    private String edge(String column, int i) {
        return column + " >= " + p(edges[2 * i]) + " AND " + column + " < " + p(edges[2 * i + 1]);
    }

    /** The rollup's aggregate of the read-model rows matching {@code where}, e.g. {@link RollupSql#flowAgg}. */
    private interface Agg {
        String of(int sign, String where);
    }

    /**
     * The whole days from {@code table} and its deltas, then the edges read through {@code agg} on the time column
     * {@code at}. An empty edge (a period that starts or ends at the rollup's midnight, as the dashboard's default period
     * does) is left out: it adds no row, and on SQLite, which prepares each statement anew, the edge's aggregate (a 120-way
     * bucket expression) costs more to compile than the whole days cost to read.
     */
    private String rows(String columns, String table, Agg agg, String at) {
        StringBuilder out = new StringBuilder("(SELECT ").append(columns).append(" FROM ").append(table).append(days())
            .append(" UNION ALL SELECT ").append(columns).append(" FROM ").append(table).append("_delta").append(days());
        for (int i = 0; i < 2; i++) {
            if (edges[2 * i] < edges[2 * i + 1]) {
                out.append(" UNION ALL ").append(agg.of(1, edge(at, i)));
            }
        }
        return out.append(") t").toString();
    }

    String flowRows() {
        return rows("day_no, flow_key, department_id, submitted, approved, rejected, withdrawn, cancelled, returned, ended, dur_sum",
            "stats_flow_day", sql::flowAgg, "started_at");
    }

    String flowHistRows() {
        return rows("day_no, flow_key, bucket, n", "stats_flow_hist", sql::flowHistAgg, "started_at");
    }

    String nodeRows() {
        return rows("day_no, flow_key, node_id, node_name, kind, total, passed, rejected, returned, withdrawn, dur_sum, overdue, max_ms",
            "stats_node_day", sql::nodeAgg, "v.left_at");
    }

    String nodeHistRows() {
        return rows("day_no, flow_key, node_id, bucket, n", "stats_node_hist", sql::nodeHistAgg, "v.left_at");
    }

    String pressRows() {
        return rows("day_no, seal_id, device_id, presses, flagged", "stats_press_day", sql::pressAgg, "at");
    }

    Object[] params() {
        return args.toArray();
    }
}
