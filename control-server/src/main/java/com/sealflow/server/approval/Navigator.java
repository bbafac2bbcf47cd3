package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.Branch;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnReject;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves an instance through the tree: entering nodes, taking branches, joining PARALLEL/INCLUSIVE containers,
 * continuing after a node passed, and going back (return, reject policies). Pure; works on a {@link Run}.
 */
final class Navigator {

    private Navigator() {
    }

    static void enter(Run run, FlowNode n) {
        if (!run.running()) {
            return;
        }
        switch (n.type()) {
            case START -> advance(run, n);
            case APPROVAL, HANDLE -> Nodes.activate(run, n);
            case CC -> carbonCopy(run, n);
            case AUTO -> {
                run.log(null, "AUTO", n.id(), null, null, n.action());
                run.event(new ApprovalEvent.AutoStepReached(run.inst.id, run.inst.businessKey, run.now, n.id(), n.action()));
                advance(run, n);
            }
            case CONDITION, PARALLEL, INCLUSIVE -> fork(run, n);
            default -> throw new IllegalStateException("unknown node type " + n.type());
        }
    }

    private static void carbonCopy(Run run, FlowNode n) {
        Set<String> users = new LinkedHashSet<>();
        for (ApproverSpec s : n.recipients() == null ? List.<ApproverSpec>of() : n.recipients()) {
            users.addAll(run.resolve(s, n.id()));
        }
        run.inst.activations.merge(n.id(), 1, Integer::sum);
        for (String u : users) {
            run.newTask(n, TaskKind.CC, u, TaskStatus.DONE, null);
        }
        run.log(null, "CC", n.id(), null, null, String.join(",", users));
        run.event(new ApprovalEvent.CarbonCopied(run.inst.id, run.inst.businessKey, run.now, n.id(), List.copyOf(users)));
        advance(run, n);
    }

    /** The branches a container takes, in drawing order. */
    static List<Branch> taken(FlowNode c, java.util.Map<String, Object> facts) {
        List<Branch> out = new ArrayList<>();
        Branch fallback = null;
        for (Branch b : c.branches()) {
            if (c.type() == NodeType.PARALLEL) {
                out.add(b);
            } else if (b.defaultBranch()) {
                fallback = fallback == null ? b : fallback;
            } else if (Conditions.holds(b.when(), facts)) {
                out.add(b);
                if (c.type() == NodeType.CONDITION) {
                    break;
                }
            }
        }
        if (out.isEmpty() && fallback != null) {
            out.add(fallback);
        }
        return out;
    }

    private static void fork(Run run, FlowNode c) {
        List<Branch> branches = taken(c, run.inst.facts);
        run.inst.activations.merge(c.id(), 1, Integer::sum);
        run.log(null, "BRANCH", c.id(), null, null, String.join(",", branches.stream().map(Branch::id).toList()));
        if (branches.isEmpty()) {
            advance(run, c);
            return;
        }
        if (c.type() != NodeType.CONDITION) {
            run.inst.joins.put(c.id(), branches.size());
        }
        for (Branch b : branches) {
            if (!run.running()) {
                return;
            }
            if (b.next() == null) {
                branchEnded(run, c);
            } else {
                enter(run, b.next());
            }
        }
    }

    /** Continues after {@code n} passed: its next node, else the end of its chain. */
    static void advance(Run run, FlowNode n) {
        if (!run.running()) {
            return;
        }
        if (n.next() != null) {
            enter(run, n.next());
            return;
        }
        FlowNode c = run.flow.container(n.id());
        if (c == null) {
            run.end(InstanceStatus.APPROVED, null);
        } else {
            branchEnded(run, c);
        }
    }

    private static void branchEnded(Run run, FlowNode c) {
        if (c.type() == NodeType.CONDITION) {
            advance(run, c);
            return;
        }
        Integer open = run.inst.joins.get(c.id());
        if (open == null) {
            throw new IllegalStateException("branch of " + c.id() + " ended without an open join");
        }
        if (open > 1) {
            run.inst.joins.put(c.id(), open - 1);
        } else {
            run.inst.joins.remove(c.id());
            run.log(null, "JOIN", c.id(), null, null, null);
            advance(run, c);
        }
    }

    /** The node rejected: apply its {@code onReject} policy. */
    static void rejected(Run run, FlowNode n, String actorId) {
        OnReject r = n.onReject();
        OnReject.Policy p = r == null || r.policy() == null ? OnReject.Policy.TERMINATE : r.policy();
        switch (p) {
            case TERMINATE -> run.end(InstanceStatus.REJECTED, actorId);
            case RETURN_TO_APPLICANT -> toApplicant(run, n, actorId);
            case RETURN_TO_PREVIOUS -> {
                FlowNode target = run.flow.linePredecessors(n.id()).stream()
                    .filter(x -> x.type() == NodeType.APPROVAL).findFirst().orElse(null);
                if (target == null) {
                    toApplicant(run, n, actorId);
                } else {
                    returnTo(run, target, n, actorId);
                }
            }
            case RETURN_TO_NODE -> {
                FlowNode target = run.flow.node(r.nodeId());
                if (target == null || target.type() == NodeType.START) {
                    toApplicant(run, n, actorId);
                } else {
                    returnTo(run, target, n, actorId);
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Back to the applicant: everything open is cancelled; the applicant may resubmit or withdraw. */
    static void toApplicant(Run run, FlowNode from, String actorId) {
        run.cancelOpen(null);
        run.inst.joins.clear();
        run.inst.status = InstanceStatus.RETURNED;
        run.log(actorId, "RETURNED", from.id(), null, null, "applicant");
        run.event(new ApprovalEvent.InstanceReturned(run.inst.id, run.inst.businessKey, run.now, from.id(), actorId));
    }

    /**
     * Back to {@code target} (earlier on the line of {@code from}): open tasks from the target on are cancelled, joins
     * there reset, and approvals there no longer count (their activation is bumped), so the target runs afresh.
     * Parallel branches that do not contain the target carry on.
     */
    static void returnTo(Run run, FlowNode target, FlowNode from, String actorId) {
        Set<String> scope = run.flow.scopeFrom(target);
        run.cancelOpen(scope);
        for (String id : scope) {
            run.inst.joins.remove(id);
            if (run.inst.activations.containsKey(id)) {
                run.inst.activations.merge(id, 1, Integer::sum);
            }
        }
        run.log(actorId, "RETURNED", from.id(), null, null, target.id());
        enter(run, target);
    }
}
