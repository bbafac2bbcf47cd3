package com.sealflow.server.approval;

import com.sealflow.server.approval.ApprovalCommand.AddSigners;
import com.sealflow.server.approval.ApprovalCommand.Delegate;
import com.sealflow.server.approval.ApprovalCommand.RemoveSigner;
import com.sealflow.server.approval.ApprovalCommand.Return;
import com.sealflow.server.approval.ApprovalCommand.Transfer;
import com.sealflow.server.approval.ApprovalConflictException.Reason;
import com.sealflow.server.approval.model.AllowedAction;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.NodeType;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** Decisions for the commands that act on one task. Pure; works on a {@link Run}. */
final class TaskActions {

    private TaskActions() {
    }

    static void apply(Run run, ApprovalCommand.OnTask cmd) {
        TaskState t = run.task(cmd.taskId());
        if (cmd instanceof RemoveSigner rs) {
            removeSigner(run, t, rs);
            return;
        }
        if (t.status != TaskStatus.PENDING || !run.running()) {
            throw Run.conflict(Reason.STALE_TASK, "task " + t.id + " is " + t.status);
        }
        if (!t.assigneeId.equals(cmd.actorId())) {
            throw Run.conflict(Reason.WRONG_ACTOR, "task " + t.id + " is assigned to someone else");
        }
        FlowNode node = run.flow.node(t.nodeId);
        if (cmd instanceof ApprovalCommand.Approve a) {
            if (t.kind == TaskKind.HANDLE) {
                completeHandle(run, t, node, a.actorId(), a.comment());
            } else {
                run.log(a.actorId(), "APPROVE", t.nodeId, t.id, a.comment(), null);
                decide(run, t, TaskStatus.APPROVED, a.actorId(), a.comment());
            }
        } else if (cmd instanceof ApprovalCommand.Reject r) {
            if (t.kind == TaskKind.HANDLE) {
                throw Run.conflict(Reason.NOT_ALLOWED, "a handle task is completed, not rejected");
            }
            run.log(r.actorId(), "REJECT", t.nodeId, t.id, r.comment(), null);
            decide(run, t, TaskStatus.REJECTED, r.actorId(), r.comment());
        } else if (cmd instanceof ApprovalCommand.CompleteHandle c) {
            if (t.kind != TaskKind.HANDLE) {
                throw Run.conflict(Reason.NOT_ALLOWED, "not a handle task");
            }
            completeHandle(run, t, node, c.actorId(), c.comment());
        } else if (cmd instanceof Return r) {
            returnTask(run, t, node, r);
        } else if (cmd instanceof Transfer tr) {
            transfer(run, t, node, tr);
        } else if (cmd instanceof Delegate d) {
            delegate(run, t, node, d);
        } else if (cmd instanceof AddSigners as) {
            addSigners(run, t, node, as);
        } else {
            throw new IllegalStateException("unknown command " + cmd);
        }
    }

    /** A task's final decision (by a person or a timer), then what it means for its node. */
    static void decide(Run run, TaskState t, TaskStatus status, String actorId, String comment) {
        FlowNode node = run.flow.node(t.nodeId);
        run.close(t, status, actorId, comment);
        if (t.kind == TaskKind.DELEGATE) {
            // 委派: the delegate's opinion is recorded; the decision goes back to the owner
            TaskState owner = run.task(t.parentTaskId);
            if (owner != null && owner.status == TaskStatus.DELEGATED) {
                run.becamePending(owner);
            }
            return;
        }
        if (t.kind == TaskKind.ADDED_BEFORE && Nodes.positive(status)) {
            release(run, run.task(t.parentTaskId));
        }
        Nodes.evaluate(run, node, actorId);
    }

    /** The adder of 前加签 gets its turn once every signer it added has approved (or was removed). */
    private static void release(Run run, TaskState adder) {
        if (adder == null || adder.status != TaskStatus.WAITING) {
            return;
        }
        boolean done = run.tasks.values().stream()
            .filter(c -> adder.id.equals(c.parentTaskId) && c.kind == TaskKind.ADDED_BEFORE)
            .allMatch(c -> Nodes.positive(c.status) || c.status == TaskStatus.CANCELLED
                || c.status == TaskStatus.TRANSFERRED || c.status == TaskStatus.TIMED_OUT);
        if (done) {
            run.becamePending(adder);
        }
    }

    private static void completeHandle(Run run, TaskState t, FlowNode node, String actorId, String comment) {
        run.log(actorId, "COMPLETE_HANDLE", t.nodeId, t.id, comment, node.action());
        run.event(new ApprovalEvent.HandleCompleted(run.inst.id, run.inst.businessKey, run.now, node.id(), node.action(),
            t.id, actorId));
        decide(run, t, TaskStatus.DONE, actorId, comment);
    }

    private static void require(FlowNode node, AllowedAction a, TaskState t) {
        if (!node.allows(a)) {
            throw Run.conflict(Reason.NOT_ALLOWED, "node " + node.id() + " does not allow " + a);
        }
        if (t.kind == TaskKind.DELEGATE) {
            throw Run.conflict(Reason.NOT_ALLOWED, "a delegate gives an opinion only");
        }
    }

    private static void returnTask(Run run, TaskState t, FlowNode node, Return r) {
        require(node, AllowedAction.RETURN, t);
        FlowNode target = r.toNodeId() == null ? null : run.flow.node(r.toNodeId());
        if (target == null) {
            throw ApprovalValidationException.of(node.id(), "unknown return target " + r.toNodeId());
        }
        boolean earlier = run.flow.linePredecessors(node.id()).stream().anyMatch(p -> p.id().equals(target.id()));
        if (!earlier || (target.type() != NodeType.START && target.type() != NodeType.APPROVAL)) {
            throw ApprovalValidationException.of(node.id(), "return target must be an earlier approval node on the same line");
        }
        run.close(t, TaskStatus.RETURNED, r.actorId(), r.comment());
        run.log(r.actorId(), "RETURN", node.id(), t.id, r.comment(), target.id());
        if (target.type() == NodeType.START) {
            Navigator.toApplicant(run, node, r.actorId());
        } else {
            Navigator.returnTo(run, target, node, r.actorId());
        }
    }

    private static String otherUser(TaskState t, String to, FlowNode node) {
        if (to == null || to.isBlank()) {
            throw ApprovalValidationException.of(node.id(), "a user is required");
        }
        if (to.equals(t.assigneeId)) {
            throw ApprovalValidationException.of(node.id(), "cannot hand a task to its own assignee");
        }
        return to;
    }

    private static void transfer(Run run, TaskState t, FlowNode node, Transfer tr) {
        require(node, AllowedAction.TRANSFER, t);
        String to = otherUser(t, tr.toUserId(), node);
        run.close(t, TaskStatus.TRANSFERRED, tr.actorId(), tr.comment());
        TaskState n = run.newTask(node, t.kind, to, TaskStatus.PENDING, t.parentTaskId);
        run.log(tr.actorId(), "TRANSFER", node.id(), t.id, tr.comment(), to + " " + n.id);
    }

    private static void delegate(Run run, TaskState t, FlowNode node, Delegate d) {
        require(node, AllowedAction.DELEGATE, t);
        String to = otherUser(t, d.toUserId(), node);
        t.status = TaskStatus.DELEGATED;
        t.dueAt = null;
        t.remindAt = null;
        run.markChanged(t);
        run.newTask(node, TaskKind.DELEGATE, to, TaskStatus.PENDING, t.id);
        run.log(d.actorId(), "DELEGATE", node.id(), t.id, d.comment(), to);
    }

    private static void addSigners(Run run, TaskState t, FlowNode node, AddSigners as) {
        require(node, AllowedAction.ADD_SIGNER, t);
        List<String> users = as.userIds() == null ? List.of() : as.userIds();
        if (users.isEmpty() || users.stream().anyMatch(u -> u == null || u.isBlank())
            || new HashSet<>(users).size() != users.size() || users.contains(t.assigneeId)) {
            throw ApprovalValidationException.of(node.id(), "userIds must be distinct other users");
        }
        if (as.position() == null) {
            throw ApprovalValidationException.of(node.id(), "position is required (BEFORE, AFTER, PARALLEL)");
        }
        run.log(as.actorId(), "ADD_SIGNER", node.id(), t.id, as.comment(), as.position() + ":" + String.join(",", users));
        switch (as.position()) {
            case BEFORE -> {
                t.status = TaskStatus.WAITING;
                t.dueAt = null;
                t.remindAt = null;
                run.markChanged(t);
                users.forEach(u -> run.newTask(node, TaskKind.ADDED_BEFORE, u, TaskStatus.PENDING, t.id));
            }
            case AFTER -> {
                run.close(t, TaskStatus.APPROVED, as.actorId(), as.comment());
                users.forEach(u -> run.newTask(node, TaskKind.ADDED_AFTER, u, TaskStatus.PENDING, t.id));
                Nodes.evaluate(run, node, as.actorId());
            }
            case PARALLEL -> users.forEach(u -> run.newTask(node, TaskKind.ADDED_PARALLEL, u, TaskStatus.PENDING, t.id));
            default -> throw new IllegalStateException();
        }
    }

    private static void removeSigner(Run run, TaskState t, RemoveSigner rs) {
        boolean added = t.kind == TaskKind.ADDED_BEFORE || t.kind == TaskKind.ADDED_AFTER || t.kind == TaskKind.ADDED_PARALLEL;
        if (!added) {
            throw Run.conflict(Reason.NOT_ALLOWED, "task " + t.id + " is not an added signer");
        }
        if (!t.isOpen() || !run.running()) {
            throw Run.conflict(Reason.STALE_TASK, "task " + t.id + " is " + t.status);
        }
        TaskState adder = run.task(t.parentTaskId);
        if (adder == null || !Objects.equals(adder.assigneeId, rs.actorId())) {
            throw Run.conflict(Reason.WRONG_ACTOR, "only the user who added a signer can remove them");
        }
        run.close(t, TaskStatus.CANCELLED, rs.actorId(), rs.comment());
        run.log(rs.actorId(), "REMOVE_SIGNER", t.nodeId, t.id, rs.comment(), t.assigneeId);
        if (t.kind == TaskKind.ADDED_BEFORE) {
            release(run, adder);
        }
        Nodes.evaluate(run, run.flow.node(t.nodeId), rs.actorId());
    }
}
