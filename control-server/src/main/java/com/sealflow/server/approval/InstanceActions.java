package com.sealflow.server.approval;

import com.sealflow.server.approval.ApprovalConflictException.Reason;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.approval.model.TimeLimit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

/** Decisions for start, instance-wide commands and timers. Pure; works on a {@link Run}. */
final class InstanceActions {

    static final Duration URGE_INTERVAL = Duration.ofMinutes(30);

    private InstanceActions() {
    }

    static void start(Run run) {
        FlowNode root = run.flow.root();
        if (root.initiators() != null && !root.initiators().isEmpty()) {
            boolean may = false;
            for (ApproverSpec s : root.initiators()) {
                may |= run.resolve(s, root.id()).contains(run.inst.applicantId);
            }
            if (!may) {
                throw Run.conflict(Reason.NOT_ALLOWED, "this applicant may not start flow " + run.inst.flowKey);
            }
        }
        run.log(run.inst.applicantId, "START", root.id(), null, null, run.inst.flowKey + "@" + run.inst.flowVersion);
        run.event(new ApprovalEvent.InstanceStarted(run.inst.id, run.inst.businessKey, run.now, run.inst.flowKey,
            run.inst.flowVersion, run.inst.applicantId));
        Navigator.enter(run, root);
    }

    static void apply(Run run, ApprovalCommand.OnInstance cmd) {
        InstanceState inst = run.inst;
        String actor = cmd.actorId();
        if (cmd instanceof ApprovalCommand.Comment c) {
            if (c.text() == null || c.text().isBlank()) {
                throw ApprovalValidationException.of(null, "comment text is required");
            }
            run.log(actor, "COMMENT", null, null, c.text(), null);
            return;
        }
        if (cmd instanceof ApprovalCommand.Cancel c) {
            requireOpen(inst);
            run.log(actor, "CANCEL", null, null, c.reason(), null);
            run.end(InstanceStatus.CANCELLED, actor);
            return;
        }
        if (!inst.applicantId.equals(actor)) {
            throw Run.conflict(Reason.WRONG_ACTOR, "only the applicant may do this");
        }
        if (cmd instanceof ApprovalCommand.Withdraw w) {
            requireOpen(inst);
            run.log(actor, "WITHDRAW", null, null, w.comment(), null);
            run.end(InstanceStatus.WITHDRAWN, actor);
        } else if (cmd instanceof ApprovalCommand.Resubmit r) {
            if (inst.status != InstanceStatus.RETURNED) {
                throw Run.conflict(Reason.INSTANCE_STATE, "only a returned instance can be resubmitted");
            }
            if (r.facts() != null) {
                inst.facts = new LinkedHashMap<>(r.facts());
            }
            inst.round++;
            inst.activations.clear();
            inst.joins.clear();
            inst.status = InstanceStatus.RUNNING;
            run.log(actor, "RESUBMIT", run.flow.root().id(), null, r.comment(), "round " + inst.round);
            Navigator.enter(run, run.flow.root());
        } else if (cmd instanceof ApprovalCommand.Urge) {
            if (inst.status != InstanceStatus.RUNNING) {
                throw Run.conflict(Reason.INSTANCE_STATE, "only a running instance can be urged");
            }
            if (inst.lastUrgedAt != null && run.now - inst.lastUrgedAt < URGE_INTERVAL.toMillis()) {
                throw Run.conflict(Reason.URGE_TOO_SOON, "urged less than 30 minutes ago");
            }
            inst.lastUrgedAt = run.now;
            List<TaskState> pending = run.tasks.values().stream().filter(t -> t.status == TaskStatus.PENDING).toList();
            run.log(actor, "URGE", null, null, null, String.join(",", pending.stream().map(t -> t.assigneeId).toList()));
            run.event(new ApprovalEvent.Reminder(inst.id, inst.businessKey, run.now, pending.stream().map(t -> t.id).toList(),
                pending.stream().map(t -> t.assigneeId).toList(), false));
        } else {
            throw new IllegalStateException("unknown command " + cmd);
        }
    }

    private static void requireOpen(InstanceState inst) {
        if (inst.status.isFinal()) {
            throw Run.conflict(Reason.INSTANCE_STATE, "instance is " + inst.status);
        }
    }

    /** Applies the task's due timeout or reminder if it is still due; false when there was nothing to do. */
    static boolean timer(Run run, String taskId) {
        TaskState t = run.task(taskId);
        if (t == null || t.status != TaskStatus.PENDING || !run.running()) {
            return false;
        }
        FlowNode node = run.flow.node(t.nodeId);
        TimeLimit limit = node.timeLimit();
        if (t.dueAt != null && t.dueAt <= run.now) {
            TimeLimit.Timeout to = limit == null ? null : limit.onTimeout();
            TimeLimit.Timeout.Action action = to == null || to.action() == null ? TimeLimit.Timeout.Action.REMIND : to.action();
            if (action == TimeLimit.Timeout.Action.TRANSFER) {
                List<String> users = run.resolve(to.to(), node.id()).stream().filter(u -> !u.equals(t.assigneeId)).toList();
                if (!users.isEmpty()) {
                    run.log(null, "TIMEOUT", node.id(), t.id, null, "TRANSFER " + users.get(0));
                    run.close(t, TaskStatus.TIMED_OUT, null, null);
                    run.newTask(node, t.kind, users.get(0), TaskStatus.PENDING, t.parentTaskId);
                    return true;
                }
                action = TimeLimit.Timeout.Action.REMIND;
            }
            run.log(null, "TIMEOUT", node.id(), t.id, null, action.name());
            switch (action) {
                case AUTO_APPROVE -> TaskActions.decide(run, t, TaskStatus.AUTO_APPROVED, null, null);
                case AUTO_REJECT -> TaskActions.decide(run, t, TaskStatus.AUTO_REJECTED, null, null);
                default -> {
                    t.dueAt = null;
                    remind(run, t, limit);
                }
            }
            return true;
        }
        if (t.remindAt != null && t.remindAt <= run.now) {
            remind(run, t, limit);
            return true;
        }
        return false;
    }

    private static void remind(Run run, TaskState t, TimeLimit limit) {
        t.reminders++;
        boolean more = limit != null && limit.remindEvery() != null
            && (limit.maxReminders() == null || t.reminders < limit.maxReminders());
        t.remindAt = more ? run.now + limit.remindEvery().toMillis() : null;
        run.markChanged(t);
        run.log(null, "REMIND", t.nodeId, t.id, null, t.assigneeId);
        run.event(new ApprovalEvent.Reminder(run.inst.id, run.inst.businessKey, run.now, List.of(t.id),
            List.of(t.assigneeId), true));
    }
}
