package com.sealflow.server.approval;

import com.sealflow.server.approval.model.AllowedAction;
import com.sealflow.server.approval.model.ApplicantIsApprover;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.Branch;
import com.sealflow.server.approval.model.Condition;
import com.sealflow.server.approval.model.Dedupe;
import com.sealflow.server.approval.model.FlowDefinition;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnEmpty;
import com.sealflow.server.approval.model.OnReject;
import com.sealflow.server.approval.model.TimeLimit;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Terse flow builders for tests: {@code B.flow("k", B.start(), B.approval("a", users("x")), ...)} links the nodes. */
final class B {

    String id;
    NodeType type;
    ApproverSpec approvers;
    ApprovalMode mode;
    BigDecimal passRatio;
    OnEmpty onEmpty;
    ApplicantIsApprover applicantPolicy;
    Dedupe dedupe;
    TimeLimit timeLimit;
    OnReject onReject;
    Set<AllowedAction> allow;
    String action;
    List<ApproverSpec> recipients;
    List<ApproverSpec> initiators;
    List<BranchB> branches = new ArrayList<>();

    record BranchB(String id, Condition when, boolean isDefault, List<B> chain) {
    }

    private B(String id, NodeType type) {
        this.id = id;
        this.type = type;
    }

    static B start() {
        return new B("start", NodeType.START);
    }

    static B approval(String id, ApproverSpec who, ApprovalMode mode) {
        B b = new B(id, NodeType.APPROVAL);
        b.approvers = who;
        b.mode = mode;
        return b;
    }

    static B handle(String id, ApproverSpec who, String action) {
        B b = new B(id, NodeType.HANDLE);
        b.approvers = who;
        b.action = action;
        return b;
    }

    static B cc(String id, ApproverSpec... to) {
        B b = new B(id, NodeType.CC);
        b.recipients = List.of(to);
        return b;
    }

    static B auto(String id, String action) {
        B b = new B(id, NodeType.AUTO);
        b.action = action;
        return b;
    }

    static B container(String id, NodeType type) {
        return new B(id, type);
    }

    B branch(String branchId, Condition when, B... chain) {
        branches.add(new BranchB(branchId, when, false, List.of(chain)));
        return this;
    }

    B defaultBranch(String branchId, B... chain) {
        branches.add(new BranchB(branchId, null, true, List.of(chain)));
        return this;
    }

    B initiators(ApproverSpec... who) {
        initiators = List.of(who);
        return this;
    }

    B ratio(String r) {
        passRatio = new BigDecimal(r);
        return this;
    }

    B onEmpty(OnEmpty.Action a, ApproverSpec to) {
        onEmpty = new OnEmpty(a, to);
        return this;
    }

    B applicant(ApplicantIsApprover p) {
        applicantPolicy = p;
        return this;
    }

    B dedupe(Dedupe d) {
        dedupe = d;
        return this;
    }

    B onReject(OnReject.Policy p, String nodeId) {
        onReject = p == null ? null : new OnReject(p, nodeId);
        return this;
    }

    B allow(AllowedAction... a) {
        allow = Set.of(a);
        return this;
    }

    B timeLimit(Duration d, TimeLimit.Timeout.Action a, ApproverSpec to) {
        timeLimit = new TimeLimit(d, null, null, null, null, new TimeLimit.Timeout(a, to));
        return this;
    }

    B timeLimit(TimeLimit t) {
        timeLimit = t;
        return this;
    }

    static ApproverSpec users(String... ids) {
        return ApproverSpec.users(ids);
    }

    static Condition when(String field, Condition.Op op, Object value) {
        return new Condition(List.of(new Condition.Clause(List.of(new Condition.Predicate(field, op, value)))));
    }

    static FlowDefinition flow(String key, B... chain) {
        return new FlowDefinition(key, "flow " + key, List.of(), link(List.of(chain)));
    }

    static FlowNode link(List<B> chain) {
        FlowNode next = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            next = chain.get(i).build(next);
        }
        return next;
    }

    FlowNode build(FlowNode next) {
        List<Branch> bs = null;
        if (type.isContainer()) {
            bs = branches.stream().map(b -> new Branch(b.id(), b.id(), b.when(), b.isDefault() ? Boolean.TRUE : null,
                link(b.chain()))).toList();
        }
        return new FlowNode(id, type, id, next, approvers, mode, passRatio, onEmpty, applicantPolicy, dedupe, timeLimit,
            onReject, allow, Map.of(), action, recipients, initiators, bs);
    }
}
