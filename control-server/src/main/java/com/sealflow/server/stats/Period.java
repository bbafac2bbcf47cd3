package com.sealflow.server.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Range} as the rollup reads it: the whole days inside it come from the rollup tables, the partial days at
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

    String flowRows() {
        return "(SELECT day_no, flow_key, department_id, submitted, approved, rejected, withdrawn, cancelled, returned, ended, dur_sum "
            + "FROM stats_flow_day" + days() + " UNION ALL " + sql.flowAgg(1, edge("started_at", 0)) + " UNION ALL "
            + sql.flowAgg(1, edge("started_at", 1)) + ") t";
    }

    String flowHistRows() {
        return "(SELECT day_no, flow_key, bucket, n FROM stats_flow_hist" + days() + " UNION ALL "
            + sql.flowHistAgg(1, edge("started_at", 0)) + " UNION ALL " + sql.flowHistAgg(1, edge("started_at", 1)) + ") t";
    }

    String nodeRows() {
        return "(SELECT day_no, flow_key, node_id, node_name, kind, total, passed, rejected, returned, withdrawn, dur_sum, overdue, "
            + "max_ms FROM stats_node_day" + days() + " UNION ALL " + sql.nodeAgg(1, edge("v.left_at", 0)) + " UNION ALL "
            + sql.nodeAgg(1, edge("v.left_at", 1)) + ") t";
    }

    String nodeHistRows() {
        return "(SELECT day_no, flow_key, node_id, bucket, n FROM stats_node_hist" + days() + " UNION ALL "
            + sql.nodeHistAgg(1, edge("v.left_at", 0)) + " UNION ALL " + sql.nodeHistAgg(1, edge("v.left_at", 1)) + ") t";
    }

    String pressRows() {
        return "(SELECT day_no, seal_id, device_id, presses, flagged FROM stats_press_day" + days() + " UNION ALL "
            + sql.pressAgg(1, edge("at", 0)) + " UNION ALL " + sql.pressAgg(1, edge("at", 1)) + ") t";
    }

    Object[] params() {
        return args.toArray();
    }
}
