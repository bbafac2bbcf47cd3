package com.sealflow.server.approval.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node as the designer draws it; fields that do not apply to the node's type stay null. {@code id} is stable across
 * versions. {@code action}: STAMP CHECKOUT CHECKIN GENERIC for HANDLE, ARCHIVE WEBHOOK for AUTO. {@code
 * fieldPermissions} (field key → READ/WRITE/HIDDEN) is carried through for the UI and not interpreted by the engine.
 * {@code initiators} (START) lists who may start; null means everyone.
 */
public record FlowNode(String id, NodeType type, String name, FlowNode next,
                       ApproverSpec approvers, ApprovalMode mode, BigDecimal passRatio, OnEmpty onEmpty,
                       ApplicantIsApprover onApplicantIsApprover, Dedupe dedupe, TimeLimit timeLimit, OnReject onReject,
                       Set<AllowedAction> allow, Map<String, String> fieldPermissions, String action,
                       List<ApproverSpec> recipients, List<ApproverSpec> initiators, List<Branch> branches) {

    public ApprovalMode effectiveMode() {
        return mode == null ? ApprovalMode.ANY : mode;
    }

    public boolean allows(AllowedAction a) {
        return allow != null && allow.contains(a);
    }

    /** A copy with another {@code next} (used by builders and tests). */
    public FlowNode withNext(FlowNode n) {
        return new FlowNode(id, type, name, n, approvers, mode, passRatio, onEmpty, onApplicantIsApprover, dedupe,
            timeLimit, onReject, allow, fieldPermissions, action, recipients, initiators, branches);
    }
}
