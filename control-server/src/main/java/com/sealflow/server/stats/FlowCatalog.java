package com.sealflow.server.stats;

import com.sealflow.server.approval.ApprovalEngine;
import com.sealflow.server.approval.FlowSummary;
import com.sealflow.server.approval.model.Branch;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.NodeType;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drawn flows as the engine publishes them: names, the order of approval and handle nodes, and each node's time
 * limit (a fixed duration; limits read from a form field have no fixed value and count as none).
 */
final class FlowCatalog {

    record NodeInfo(String id, String name, String type, Long limitMs) {
    }

    record FlowInfo(String key, String name, Map<String, NodeInfo> nodes) {
    }

    private final ApprovalEngine engine;

    FlowCatalog(ApprovalEngine engine) {
        this.engine = engine;
    }

    Future<List<FlowInfo>> flows() {
        return engine.flows().compose(list -> {
            List<Future<FlowInfo>> all = new ArrayList<>();
            for (FlowSummary s : list) {
                all.add(s.latestVersion() > 0 ? flow(s.key(), s.name(), s.latestVersion())
                    : Future.succeededFuture(new FlowInfo(s.key(), s.name(), Map.of())));
            }
            return Future.all(all).map(cf -> cf.<FlowInfo>list());
        });
    }

    /** The flow, or null when no flow has that key. */
    Future<FlowInfo> flow(String key) {
        return flows().map(list -> list.stream().filter(f -> f.key().equals(key)).findFirst().orElse(null));
    }

    /** The fixed node time limits of one version (node id to ms), for the rollup's overdue counts. */
    Future<Map<String, Long>> limits(String key, int version) {
        return engine.version(key, version).map(def -> {
            Map<String, NodeInfo> nodes = new LinkedHashMap<>();
            walk(def.root(), nodes);
            Map<String, Long> out = new LinkedHashMap<>();
            nodes.values().forEach(n -> {
                if (n.limitMs() != null) {
                    out.put(n.id(), n.limitMs());
                }
            });
            return out;
        });
    }

    private Future<FlowInfo> flow(String key, String name, int version) {
        return engine.version(key, version).map(def -> {
            Map<String, NodeInfo> nodes = new LinkedHashMap<>();
            walk(def.root(), nodes);
            return new FlowInfo(key, name, nodes);
        }).recover(e -> Future.succeededFuture(new FlowInfo(key, name, Map.of())));
    }

    private static void walk(FlowNode n, Map<String, NodeInfo> out) {
        for (FlowNode node = n; node != null; node = node.next()) {
            if (node.type() == NodeType.APPROVAL || node.type() == NodeType.HANDLE) {
                Long limit = node.timeLimit() == null || node.timeLimit().duration() == null ? null
                    : node.timeLimit().duration().toMillis();
                out.put(node.id(), new NodeInfo(node.id(), node.name(), node.type().name(), limit));
            }
            if (node.branches() != null) {
                for (Branch b : node.branches()) {
                    walk(b.next(), out);
                }
            }
        }
    }
}
