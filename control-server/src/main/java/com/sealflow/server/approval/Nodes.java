package com.sealflow.server.approval;

import com.sealflow.server.approval.model.ApplicantIsApprover;
import com.sealflow.server.approval.model.ApprovalMode;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.Dedupe;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.OnEmpty;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * APPROVAL and HANDLE nodes: who gets a task when the node is entered (onEmpty, onApplicantIsApprover, dedupe), and
 * whether the node has passed or been rejected given its tasks (mode, passRatio, added signers). Pure.
 */
final class Nodes {

    private Nodes() {
    }

    static void activate(Run run, FlowNode n) {
        run.inst.activations.merge(n.id(), 1, Integer::sum);
        run.log(null, "NODE_ENTERED", n.id(), null, null, null);
        boolean handle = n.type() == NodeType.HANDLE;
        List<String> approvers = run.resolve(n.approvers(), n.id());
        if (approvers.isEmpty()) {
            OnEmpty e = n.onEmpty();
            OnEmpty.Action a = e == null || e.action() == null ? OnEmpty.Action.AUTO_REJECT : e.action();
            if (a == OnEmpty.Action.ASSIGN) {
                approvers = run.resolve(e.to(), n.id());
            }
            if (approvers.isEmpty()) {
                if (a == OnEmpty.Action.AUTO_APPROVE) {
                    run.log(null, "AUTO_APPROVE", n.id(), null, null, "no approver");
                    passed(run, n);
                } else {
                    run.log(null, "AUTO_REJECT", n.id(), null, null, "no approver");
                    run.end(InstanceStatus.REJECTED, null);
                }
                return;
            }
        }
        TaskKind kind = handle ? TaskKind.HANDLE : TaskKind.APPROVAL;
        List<String> people = new ArrayList<>();
        for (String u : approvers) {
            if (!handle && u.equals(run.inst.applicantId)) {
                ApplicantIsApprover p = n.onApplicantIsApprover() == null ? ApplicantIsApprover.APPROVE_SELF
                    : n.onApplicantIsApprover();
                if (p == ApplicantIsApprover.SKIP || (p == ApplicantIsApprover.DEPT_HEAD && headFor(run, n) == null)) {
                    TaskState t = run.newTask(n, kind, u, TaskStatus.AUTO_APPROVED, null);
                    run.log(null, "SKIP", n.id(), t.id, null, "applicant");
                    continue;
                }
                if (p == ApplicantIsApprover.DEPT_HEAD) {
                    u = headFor(run, n);
                    run.log(null, "SUBSTITUTE", n.id(), null, null, run.inst.applicantId + "->" + u);
                }
            }
            if (!handle && !people.contains(u) && deduped(run, n, u)) {
                TaskState t = run.newTask(n, kind, u, TaskStatus.AUTO_APPROVED, null);
                run.log(null, "DEDUPE", n.id(), t.id, null, u);
                continue;
            }
            if (!people.contains(u)) {
                people.add(u);
            }
        }
        List<String> taskIds = new ArrayList<>();
        boolean sequential = n.effectiveMode() == ApprovalMode.SEQUENTIAL && !handle;
        for (int i = 0; i < people.size(); i++) {
            TaskStatus s = sequential && i > 0 ? TaskStatus.WAITING : TaskStatus.PENDING;
            taskIds.add(run.newTask(n, kind, people.get(i), s, null).id);
        }
        if (handle) {
            run.event(new ApprovalEvent.HandleReached(run.inst.id, run.inst.businessKey, run.now, n.id(), n.action(),
                List.copyOf(people), taskIds));
        }
        evaluate(run, n, null);
    }

    /** The applicant's replacement under DEPT_HEAD: their department head, or the next level up; null if none. */
    private static String headFor(Run run, FlowNode n) {
        for (int level = 1; level <= 2; level++) {
            for (String u : run.resolve(ApproverSpec.deptHead(level), n.id())) {
                if (!u.equals(run.inst.applicantId)) {
                    return u;
                }
            }
        }
        return null;
    }

    private static boolean deduped(Run run, FlowNode n, String user) {
        Dedupe d = n.dedupe() == null ? Dedupe.NONE : n.dedupe();
        if (d == Dedupe.NONE) {
            return false;
        }
        FlowNode prev = d == Dedupe.CONSECUTIVE ? run.flow.previousApproval(n.id()) : null;
        if (d == Dedupe.CONSECUTIVE && prev == null) {
            return false;
        }
        return run.tasks.values().stream().anyMatch(t -> t.assigneeId.equals(user)
            && t.round == run.inst.round
            && t.status == TaskStatus.APPROVED
            && !t.nodeId.equals(n.id())
            && t.activation == run.inst.activation(t.nodeId)
            && (prev == null || t.nodeId.equals(prev.id()))
            && run.flow.node(t.nodeId).type() == NodeType.APPROVAL);
    }

    /**
     * Votes of a node's participants: tasks that decide the node under its mode (not delegates, gates, replaced tasks,
     * nor the applicant's skipped slot; a deduped approver's automatic approval does count).
     */
    private static List<TaskState> participants(Run run, FlowNode n) {
        boolean skipsApplicant = n.onApplicantIsApprover() == ApplicantIsApprover.SKIP
            || n.onApplicantIsApprover() == ApplicantIsApprover.DEPT_HEAD;
        return run.current(n.id()).stream()
            .filter(t -> !(skipsApplicant && t.status == TaskStatus.AUTO_APPROVED && t.assigneeId.equals(run.inst.applicantId)))
            .filter(t -> t.kind == TaskKind.APPROVAL || t.kind == TaskKind.HANDLE || t.kind == TaskKind.ADDED_PARALLEL)
            .filter(t -> t.status != TaskStatus.TRANSFERRED && t.status != TaskStatus.TIMED_OUT
                && t.status != TaskStatus.CANCELLED)
            .toList();
    }

    private static List<TaskState> gates(Run run, TaskState t, TaskKind kind) {
        return run.tasks.values().stream()
            .filter(c -> t.id.equals(c.parentTaskId) && c.kind == kind && c.status != TaskStatus.CANCELLED
                && c.status != TaskStatus.TRANSFERRED && c.status != TaskStatus.TIMED_OUT)
            .toList();
    }

    static boolean positive(TaskStatus s) {
        return s == TaskStatus.APPROVED || s == TaskStatus.AUTO_APPROVED || s == TaskStatus.DONE;
    }

    static boolean negative(TaskStatus s) {
        return s == TaskStatus.REJECTED || s == TaskStatus.AUTO_REJECTED;
    }

    /** Approved, and so is every signer added after it (added signers may add signers too: recursive). */
    private static boolean approved(Run run, TaskState t) {
        return positive(t.status) && gates(run, t, TaskKind.ADDED_AFTER).stream().allMatch(c -> approved(run, c));
    }

    private static boolean rejected(Run run, TaskState t) {
        return negative(t.status) || gates(run, t, TaskKind.ADDED_AFTER).stream().anyMatch(c -> rejected(run, c))
            || gates(run, t, TaskKind.ADDED_BEFORE).stream().anyMatch(c -> rejected(run, c));
    }

    /** Decides the node if its votes allow; promotes the next sequential approver otherwise. */
    static void evaluate(Run run, FlowNode n, String actorId) {
        if (!run.running()) {
            return;
        }
        List<TaskState> votes = participants(run, n);
        int total = votes.size();
        long yes = votes.stream().filter(t -> approved(run, t)).count();
        long no = votes.stream().filter(t -> rejected(run, t)).count();
        ApprovalMode mode = n.type() == NodeType.HANDLE ? ApprovalMode.ANY : n.effectiveMode();
        Boolean verdict = switch (mode) {
            case ALL, SEQUENTIAL -> no > 0 ? Boolean.FALSE : yes == total ? Boolean.TRUE : null;
            case ANY -> no > 0 ? Boolean.FALSE : yes > 0 ? Boolean.TRUE : null;
            case VOTE -> {
                BigDecimal ratio = n.passRatio() == null ? BigDecimal.ONE : n.passRatio();
                BigDecimal need = ratio.multiply(BigDecimal.valueOf(total));
                if (BigDecimal.valueOf(yes).compareTo(need) >= 0) {
                    yield Boolean.TRUE;
                }
                yield BigDecimal.valueOf(total - no).compareTo(need) < 0 ? Boolean.FALSE : null;
            }
        };
        if (total == 0) {
            verdict = Boolean.TRUE;
        }
        if (verdict == null) {
            if (mode == ApprovalMode.SEQUENTIAL) {
                promoteNext(run, n, votes);
            }
            return;
        }
        for (TaskState t : run.current(n.id())) {
            if (t.isOpen()) {
                run.close(t, TaskStatus.CANCELLED, null, null);
            }
        }
        if (verdict) {
            passed(run, n);
        } else {
            run.log(actorId, "NODE_REJECTED", n.id(), null, null, yes + "/" + total);
            Navigator.rejected(run, n, actorId);
        }
    }

    private static void promoteNext(Run run, FlowNode n, List<TaskState> votes) {
        boolean busy = run.current(n.id()).stream().anyMatch(t -> t.status == TaskStatus.PENDING
            || t.status == TaskStatus.DELEGATED || (t.status == TaskStatus.WAITING && t.kind != TaskKind.APPROVAL)
            || (t.status == TaskStatus.WAITING && !gates(run, t, TaskKind.ADDED_BEFORE).isEmpty())
            || (positive(t.status) && !approved(run, t)));
        if (busy) {
            return;
        }
        votes.stream().filter(t -> t.status == TaskStatus.WAITING).findFirst().ifPresent(run::becamePending);
    }

    static void passed(Run run, FlowNode n) {
        run.log(null, "NODE_APPROVED", n.id(), null, null, null);
        Navigator.advance(run, n);
    }
}
