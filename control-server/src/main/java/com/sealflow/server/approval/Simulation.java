package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.NodeType;
import java.util.List;

/** What would happen, nothing written: the nodes in visiting order, depth first through branches. */
public record Simulation(String flowKey, int version, List<Step> path) {

    /** {@code note} explains policies that applied (applicant skipped, empty → auto approve, …). */
    public record Step(String nodeId, String name, NodeType type, ApprovalMode mode, List<UserRef> approvers,
                       List<BranchDecision> branches, String note) {
    }

    public record UserRef(String id, String name) {
    }

    /** Why a branch was or was not taken, e.g. {@code amount gte 500000: 120000 → false}. */
    public record BranchDecision(String branchId, String name, boolean taken, String reason) {
    }
}
