package com.sealflow.server.stats;

import com.sealflow.server.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Node statistics over stays that ended in the period, from the rollup: how many, how long (average, p50, p90 from the
 * histogram, max), how they ended (pass, reject, return, withdraw) and how often they overran the node's time limit (the
 * limit of the flow version the request ran). The bottleneck ranking orders nodes of all flows by average stay.
 */
final class NodeQueries {

    private static final String AGG = "SUM(total) AS total, SUM(dur_sum) AS dur_sum, MAX(max_ms) AS max_ms, SUM(passed) AS passed, "
        + "SUM(rejected) AS rejected, SUM(returned) AS returned, SUM(withdrawn) AS withdrawn, SUM(overdue) AS overdue";

    private final Database db;
    private final RollupSql sql;

    NodeQueries(Database db, RollupSql sql) {
        this.db = db;
        this.sql = sql;
    }

    /** Figures per flow and node (flowKey null = every flow): flow key to node id to figures. */
    private Future<Map<String, Map<String, JsonObject>>> figures(Range range, String flowKey) {
        Period a = new Period(sql, range);
        String rows = a.nodeRows();
        String where = flowKey == null ? "" : " WHERE flow_key = " + a.p(flowKey);
        Future<Map<String, Map<String, JsonObject>>> agg = db.execute("SELECT flow_key, node_id, MAX(node_name) AS node_name, "
                + "MAX(kind) AS kind, " + AGG + " FROM " + rows + where + " GROUP BY flow_key, node_id", a.params())
            .map(rs -> {
                Map<String, Map<String, JsonObject>> m = new LinkedHashMap<>();
                rs.forEach(r -> {
                    if (Num.lng(r, "total") > 0) {
                        m.computeIfAbsent(r.getString("flow_key"), k -> new LinkedHashMap<>()).put(r.getString("node_id"), row(r));
                    }
                });
                return m;
            });
        Period h = new Period(sql, range);
        String hrows = h.nodeHistRows();
        String hwhere = flowKey == null ? "" : " WHERE flow_key = " + h.p(flowKey);
        Future<Map<String, long[]>> hist = db.execute("SELECT flow_key || ' ' || node_id AS k, bucket, SUM(n) AS n FROM " + hrows
            + hwhere + " GROUP BY flow_key, node_id, bucket", h.params()).map(FlowQueries::histogramsOf);
        return Future.all(agg, hist).map(x -> {
            agg.result().forEach((f, nodes) -> nodes.forEach((n, o) -> {
                long[] c = hist.result().get(f + " " + n);
                long[] p = c == null ? null : Buckets.p50p90(c);
                o.put("p50Hours", p == null ? null : Num.hours(p[0])).put("p90Hours", p == null ? null : Num.hours(p[1]))
                    .put("p90Ms", p == null ? null : p[1]);
            }));
            return agg.result();
        });
    }

    /** One flow's nodes in drawing order (nodes never reached are listed with zero counts). */
    Future<JsonArray> nodes(FlowCatalog.FlowInfo flow, Range range) {
        return figures(range, flow.key()).map(m -> list(flow, m.getOrDefault(flow.key(), Map.of())));
    }

    private static JsonArray list(FlowCatalog.FlowInfo flow, Map<String, JsonObject> byNode) {
        List<JsonObject> out = new ArrayList<>();
        for (FlowCatalog.NodeInfo n : flow.nodes().values()) {
            JsonObject o = byNode.containsKey(n.id()) ? byNode.get(n.id()).copy() : empty();
            out.add(o.put("nodeId", n.id()).put("name", n.name() == null ? n.id() : n.name()).put("type", n.type())
                .put("timeLimitHours", Num.hours(n.limitMs())));
            if (n.limitMs() == null) {
                o.put("overdue", 0L).put("overdueRate", 0.0);
            }
        }
        byNode.forEach((id, o) -> {
            if (!flow.nodes().containsKey(id)) {
                out.add(o.copy().put("nodeId", id).put("timeLimitHours", (Double) null));
            }
        });
        return new JsonArray(new ArrayList<>(out));
    }

    private static JsonObject row(Row r) {
        long total = Num.lng(r, "total");
        Double avg = total == 0 ? null : Num.lng(r, "dur_sum") / (double) total;
        return new JsonObject().put("name", r.getString("node_name")).put("type", r.getString("kind")).put("count", total)
            .put("avgHours", avg == null ? 0.0 : Num.hours(avg)).put("maxHours", Num.hours(Num.dbl(r, "max_ms")))
            .put("passed", Num.lng(r, "passed")).put("rejected", Num.lng(r, "rejected")).put("returned", Num.lng(r, "returned"))
            .put("withdrawn", Num.lng(r, "withdrawn")).put("passRate", Num.rate(Num.lng(r, "passed"), total))
            .put("rejectRate", Num.rate(Num.lng(r, "rejected"), total)).put("returnRate", Num.rate(Num.lng(r, "returned"), total))
            .put("withdrawRate", Num.rate(Num.lng(r, "withdrawn"), total)).put("avgMs", avg == null ? 0.0 : avg)
            .put("overdue", Num.lng(r, "overdue")).put("overdueRate", Num.rate(Num.lng(r, "overdue"), total));
    }

    private static JsonObject empty() {
        return new JsonObject().put("count", 0L).put("avgHours", 0.0).putNull("maxHours").put("passed", 0L).put("rejected", 0L)
            .put("returned", 0L).put("withdrawn", 0L).put("passRate", 0.0).put("rejectRate", 0.0).put("returnRate", 0.0)
            .put("withdrawRate", 0.0).put("avgMs", 0.0).put("overdue", 0L).put("overdueRate", 0.0).putNull("p50Hours")
            .putNull("p90Hours").putNull("p90Ms");
    }

    /** Nodes of every flow, longest average stay first, with the flow's name; at most {@code limit}. */
    Future<JsonArray> bottlenecks(List<FlowCatalog.FlowInfo> flows, Range range, int limit) {
        return figures(range, null).map(m -> {
            List<JsonObject> all = new ArrayList<>();
            for (FlowCatalog.FlowInfo f : flows) {
                list(f, m.getOrDefault(f.key(), Map.of())).forEach(o -> {
                    JsonObject j = (JsonObject) o;
                    if (j.getLong("count") > 0) {
                        all.add(j.put("flowKey", f.key()).put("flowName", f.name()));
                    }
                });
            }
            all.sort(Comparator.comparingDouble((JsonObject o) -> o.getDouble("avgMs")).reversed()
                .thenComparing(o -> -o.getLong("count")));
            JsonArray out = new JsonArray();
            for (int i = 0; i < Math.min(limit, all.size()); i++) {
                out.add(all.get(i).put("rank", i + 1));
            }
            return out;
        });
    }
}
