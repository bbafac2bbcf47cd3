package com.sealflow.server.approval;

import com.sealflow.server.approval.model.Branch;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.NodeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node tree indexed for the runtime: nodes by id, the container each chain belongs to, and each node's
 * predecessor on its chain. Built once per published version and shared (immutable after construction).
 */
final class FlowIndex {

    final FlowDefinition flow;
    final int version;
    private final Map<String, FlowNode> nodes = new LinkedHashMap<>();
    private final Map<String, FlowNode> containerOf = new HashMap<>();
    private final Map<String, FlowNode> previous = new HashMap<>();
    private final List<String> duplicateIds = new ArrayList<>();

    FlowIndex(FlowDefinition flow, int version) {
        this.flow = flow;
        this.version = version;
        if (flow.root() != null) {
            indexChain(flow.root(), null);
        }
    }

    private void indexChain(FlowNode first, FlowNode container) {
        FlowNode prev = null;
        for (FlowNode n = first; n != null; n = n.next()) {
            if (n.id() == null) {
                continue;
            }
            if (nodes.putIfAbsent(n.id(), n) != null) {
                duplicateIds.add(n.id());
            }
            if (container != null) {
                containerOf.put(n.id(), container);
            }
            if (prev != null) {
                previous.put(n.id(), prev);
            }
            if (n.branches() != null) {
                for (Branch b : n.branches()) {
                    if (b != null && b.next() != null) {
                        indexChain(b.next(), n);
                    }
                }
            }
            prev = n;
        }
    }

    FlowNode root() {
        return flow.root();
    }

    FlowNode node(String id) {
        return nodes.get(id);
    }

    Map<String, FlowNode> nodes() {
        return nodes;
    }

    List<String> duplicateIds() {
        return duplicateIds;
    }

    /** The container whose branch holds {@code nodeId}; null on the root line. */
    FlowNode container(String nodeId) {
        return containerOf.get(nodeId);
    }

    /** Earlier nodes on the line of {@code nodeId}, nearest first, stepping out of containers (containers excluded). */
    List<FlowNode> linePredecessors(String nodeId) {
        return lineBefore(nodeId, false);
    }

    /** Earlier nodes on the line of {@code nodeId}, nearest first, stepping out of containers; containers optional. */
    List<FlowNode> lineBefore(String nodeId, boolean withContainers) {
        List<FlowNode> out = new ArrayList<>();
        String at = nodeId;
        while (at != null) {
            FlowNode p = previous.get(at);
            while (p != null) {
                if (withContainers || !p.type().isContainer()) {
                    out.add(p);
                }
                p = previous.get(p.id());
            }
            FlowNode c = containerOf.get(at);
            at = null;
            if (c != null) {
                at = c.id();
            }
        }
        return out;
    }

    /** The nearest APPROVAL node before {@code nodeId} on its chain (not stepping out of a container), or null. */
    FlowNode previousApproval(String nodeId) {
        FlowNode p = previous.get(nodeId);
        return p != null && p.type() == NodeType.APPROVAL ? p : null;
    }

    /** {@code target} and everything after it on its chain, including all nodes nested in containers there. */
    Set<String> scopeFrom(FlowNode target) {
        Set<String> out = new LinkedHashSet<>();
        for (FlowNode n = target; n != null; n = n.next()) {
            addSubtree(n, out);
        }
        return out;
    }

    /** {@code n} and every node nested in its branches. */
    Set<String> subtree(FlowNode n) {
        Set<String> out = new LinkedHashSet<>();
        addSubtree(n, out);
        return out;
    }

    private void addSubtree(FlowNode n, Set<String> out) {
        out.add(n.id());
        if (n.branches() != null) {
            for (Branch b : n.branches()) {
                for (FlowNode c = b.next(); c != null; c = c.next()) {
                    addSubtree(c, out);
                }
            }
        }
    }
}
