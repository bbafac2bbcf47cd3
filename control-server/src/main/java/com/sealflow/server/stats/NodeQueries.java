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
 * Node statistics over stays that ended in the period: how many, how long (average, p50, p90, max), how they ended
 * (pass, reject, return, withdraw) and how often they overran the node's time limit. The bottleneck ranking orders
 * nodes of all flows by average stay, longest first.
 */
final class NodeQueries {

    private static final String AGG = "COUNT(*) AS total, AVG(duration_ms) AS avg_ms, MAX(duration_ms) AS max_ms, "
        + "SUM(CASE WHEN outcome = 'APPROVED' THEN 1 ELSE 0 END) AS passed, "
        + "SUM(CASE WHEN outcome = 'REJECTED' THEN 1 ELSE 0 END) AS rejected, "
        + "SUM(CASE WHEN outcome = 'RETURNED' THEN 1 ELSE 0 END) AS returned, "
        + "SUM(CASE WHEN outcome = 'WITHDRAWN' THEN 1 ELSE 0 END) AS withdrawn";

    private final Database db;

    NodeQueries(Database db) {
        this.db = db;
    }

    /** One flow's nodes in drawing order (nodes never reached are listed with zero counts). */
    Future<JsonArray> nodes(FlowCatalog.FlowInfo flow, Range range) {
        Future<Map<String, JsonObject>> agg = db.execute("SELECT node_id, MAX(node_name) AS node_name, MAX(kind) AS kind, " + AGG
                + " FROM stats_node_visit WHERE flow_key = $1 AND left_at >= $2 AND left_at < $3 GROUP BY node_id",
                flow.key(), range.from(), range.to())
            .map(rs -> {
                Map<String, JsonObject> m = new LinkedHashMap<>();
                rs.forEach(r -> m.put(r.getString("node_id"), row(r)));
                return m;
            });
        Future<Map<String, long[]>> pct = FlowQueries.percentiles(db, "SELECT node_id AS k, duration_ms, "
            + "ROW_NUMBER() OVER (PARTITION BY node_id ORDER BY duration_ms) AS rn, COUNT(*) OVER (PARTITION BY node_id) AS n "
            + "FROM stats_node_visit WHERE flow_key = $1 AND left_at >= $2 AND left_at < $3", flow.key(), range.from(), range.to());
        return Future.all(agg, pct).compose(x -> {
            Map<String, JsonObject> byNode = agg.result();
            List<JsonObject> out = new ArrayList<>();
            for (FlowCatalog.NodeInfo n : flow.nodes().values()) {
                JsonObject o = byNode.getOrDefault(n.id(), empty());
                out.add(o.put("nodeId", n.id()).put("name", n.name() == null ? n.id() : n.name()).put("type", n.type())
                    .put("timeLimitHours", Num.hours(n.limitMs())));
            }
            byNode.forEach((id, o) -> {
                if (!flow.nodes().containsKey(id)) {
                    out.add(o.put("nodeId", id).put("timeLimitHours", (Double) null));
                }
            });
            out.forEach(o -> {
                long[] p = pct.result().get(o.getString("nodeId"));
                o.put("p50Hours", p == null ? null : Num.hours(p[0])).put("p90Hours", p == null ? null : Num.hours(p[1]))
                    .put("p90Ms", p == null ? null : p[1]);
            });
            return overdue(flow, range, out).map(v -> new JsonArray(new ArrayList<>(out)));
        });
    }

    private Future<Void> overdue(FlowCatalog.FlowInfo flow, Range range, List<JsonObject> rows) {
        List<Future<Void>> all = new ArrayList<>();
        for (JsonObject o : rows) {
            FlowCatalog.NodeInfo n = flow.nodes().get(o.getString("nodeId"));
            if (n == null || n.limitMs() == null || o.getLong("count") == 0) {
                o.put("overdue", 0L).put("overdueRate", 0.0);
                continue;
            }
            all.add(db.execute("SELECT COUNT(*) AS n FROM stats_node_visit WHERE flow_key = $1 AND left_at >= $2 AND left_at < $3 "
                    + "AND node_id = $4 AND duration_ms > $5", flow.key(), range.from(), range.to(), n.id(), n.limitMs())
                .map(rs -> {
                    long late = Num.lng(rs.iterator().next(), "n");
                    o.put("overdue", late).put("overdueRate", Num.rate(late, o.getLong("count")));
                    return null;
                }));
        }
        return Future.all(all).mapEmpty();
    }

    private static JsonObject row(Row r) {
        long total = Num.lng(r, "total");
        Double avg = Num.dbl(r, "avg_ms");
        return new JsonObject().put("name", r.getString("node_name")).put("type", r.getString("kind")).put("count", total)
            .put("avgHours", avg == null ? 0.0 : Num.hours(avg)).put("maxHours", Num.hours(Num.dbl(r, "max_ms")))
            .put("passed", Num.lng(r, "passed")).put("rejected", Num.lng(r, "rejected")).put("returned", Num.lng(r, "returned"))
            .put("withdrawn", Num.lng(r, "withdrawn")).put("passRate", Num.rate(Num.lng(r, "passed"), total))
            .put("rejectRate", Num.rate(Num.lng(r, "rejected"), total)).put("returnRate", Num.rate(Num.lng(r, "returned"), total))
            .put("withdrawRate", Num.rate(Num.lng(r, "withdrawn"), total)).put("avgMs", avg == null ? 0.0 : avg);
    }

    private static JsonObject empty() {
        return new JsonObject().put("count", 0L).put("avgHours", 0.0).putNull("maxHours").put("passed", 0L).put("rejected", 0L)
            .put("returned", 0L).put("withdrawn", 0L).put("passRate", 0.0).put("rejectRate", 0.0).put("returnRate", 0.0)
            .put("withdrawRate", 0.0).put("avgMs", 0.0);
    }

    /** Nodes of every flow, longest average stay first, with the flow's name; at most {@code limit}. */
    Future<JsonArray> bottlenecks(List<FlowCatalog.FlowInfo> flows, Range range, int limit) {
        List<Future<JsonArray>> each = new ArrayList<>();
        for (FlowCatalog.FlowInfo f : flows) {
            each.add(nodes(f, range).map(a -> {
                a.forEach(o -> ((JsonObject) o).put("flowKey", f.key()).put("flowName", f.name()));
                return a;
            }));
        }
        return Future.all(each).map(cf -> {
            List<JsonObject> all = new ArrayList<>();
            cf.<JsonArray>list().forEach(a -> a.forEach(o -> {
                if (((JsonObject) o).getLong("count") > 0) {
                    all.add((JsonObject) o);
                }
            }));
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
