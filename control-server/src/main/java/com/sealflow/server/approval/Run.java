package com.sealflow.server.approval;

import com.sealflow.server.approval.ApprovalConflictException.Reason;
import com.sealflow.server.approval.model.ApproverSpec;
import com.sealflow.server.approval.model.FlowNode;
import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import com.sealflow.server.approval.model.TimeLimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The working set of one pure decision: a copy of the instance and its tasks, plus the history entries, events and
 * new pending tasks the decision produces. No I/O: approver specs the resolver has not answered yet raise
 * {@link Unresolved}; the shell resolves them and runs the decision again from the same inputs.
 */
final class Run {

    /** Thrown when the decision needs a resolver answer it was not given. */
    static final class Unresolved extends RuntimeException {
        final ApproverSpec spec;

        Unresolved(ApproverSpec spec) {
            super(null, null, false, false);
            this.spec = spec;
        }
    }

    final FlowIndex flow;
    final InstanceState inst;
    final Map<String, TaskState> tasks = new LinkedHashMap<>();
    final Set<String> changed = new LinkedHashSet<>();
    final List<HistoryEntry> history = new ArrayList<>();
    final List<ApprovalEvent> events = new ArrayList<>();
    final List<String> newPending = new ArrayList<>();
    final long now;
    /** The facts the decision started from: a decision that replaces them (a resubmit) assigns a new map. */
    final Map<String, Object> initialFacts;
    private final Map<ApproverSpec, List<String>> resolved;
    private final Supplier<String> ids;
    private boolean ended;

    Run(FlowIndex flow, InstanceState inst, List<TaskState> loaded, Map<ApproverSpec, List<String>> resolved, long now,
        Supplier<String> ids) {
        this.flow = flow;
        this.inst = inst.copy();
        this.initialFacts = this.inst.facts;
        loaded.forEach(t -> tasks.put(t.id, t.copy()));
        this.resolved = resolved;
        this.now = now;
        this.ids = ids;
    }

    boolean running() {
        return inst.status == InstanceStatus.RUNNING;
    }

    // ---- approvers ----

    List<String> resolve(ApproverSpec spec, String nodeId) {
        if (spec == null || spec.type() == null) {
            return List.of();
        }
        List<String> raw = switch (spec.type()) {
            case USERS -> spec.userIds() == null ? List.of() : spec.userIds();
            case APPLICANT -> List.of(inst.applicantId);
            case APPLICANT_SELECT -> Facts.userIds(Facts.get(inst.facts, "approvers." + nodeId));
            case FORM_FIELD -> Facts.userIds(Facts.get(inst.facts, "form." + spec.field()));
            default -> {
                List<String> r = resolved.get(spec);
                if (r == null) {
                    throw new Unresolved(spec);
                }
                yield r;
            }
        };
        return new ArrayList<>(new LinkedHashSet<>(raw.stream().filter(s -> s != null && !s.isBlank()).toList()));
    }

    // ---- tasks ----

    TaskState task(String id) {
        return tasks.get(id);
    }

    TaskState newTask(FlowNode node, TaskKind kind, String assignee, TaskStatus status, String parentTaskId) {
        TaskState t = new TaskState();
        t.id = ids.get();
        t.instanceId = inst.id;
        t.nodeId = node.id();
        t.kind = kind;
        t.assigneeId = assignee;
        t.status = status;
        t.round = inst.round;
        t.activation = inst.activation(node.id());
        t.no = ++inst.nextTaskNo;
        t.parentTaskId = parentTaskId;
        t.createdAt = now;
        tasks.put(t.id, t);
        changed.add(t.id);
        if (status == TaskStatus.PENDING) {
            becamePending(t);
        } else if (!status.isOpen()) {
            t.completedAt = now;
        }
        return t;
    }

    /** Starts the clock on a task that is now actionable and announces it. */
    void becamePending(TaskState t) {
        FlowNode node = flow.node(t.nodeId);
        t.status = TaskStatus.PENDING;
        TimeLimit limit = node.timeLimit();
        if (limit != null && t.kind != TaskKind.CC) {
            Long due = null;
            if (limit.dueField() != null) {
                due = Facts.epochMillis(Facts.get(inst.facts, limit.dueField()));
            }
            if (due == null && limit.duration() != null) {
                due = now + limit.duration().toMillis();
            }
            t.dueAt = due;
            if (due != null && limit.remindBefore() != null) {
                t.remindAt = Math.max(now, due - limit.remindBefore().toMillis());
            } else if (limit.remindEvery() != null) {
                t.remindAt = now + limit.remindEvery().toMillis();
            }
            if (limit.maxReminders() != null && limit.maxReminders() == 0) {
                t.remindAt = null;
            }
        }
        changed.add(t.id);
        newPending.add(t.id);
        event(new ApprovalEvent.TaskCreated(inst.id, inst.businessKey, now, t.id, t.nodeId, node.name(), t.kind,
            t.assigneeId));
    }

    /** Closes a task with a final status. */
    void close(TaskState t, TaskStatus status, String actorId, String comment) {
        t.status = status;
        t.completedAt = now;
        t.actorId = actorId;
        if (comment != null) {
            t.comment = comment;
        }
        t.dueAt = null;
        t.remindAt = null;
        changed.add(t.id);
        event(new ApprovalEvent.TaskCompleted(inst.id, inst.businessKey, now, t.id, t.nodeId, t.kind, t.assigneeId,
            status, actorId));
    }

    void markChanged(TaskState t) {
        changed.add(t.id);
    }

    List<TaskState> openTasks() {
        return tasks.values().stream().filter(TaskState::isOpen).toList();
    }

    /** Tasks of the node's current activation in this round. */
    List<TaskState> current(String nodeId) {
        int a = inst.activation(nodeId);
        return tasks.values().stream()
            .filter(t -> t.nodeId.equals(nodeId) && t.activation == a && t.round == inst.round)
            .toList();
    }

    void cancelOpen(Set<String> nodeIds) {
        for (TaskState t : List.copyOf(tasks.values())) {
            if (t.isOpen() && (nodeIds == null || nodeIds.contains(t.nodeId))) {
                close(t, TaskStatus.CANCELLED, null, null);
            }
        }
    }

    // ---- history, events, end ----

    void log(String actorId, String action, String nodeId, String taskId, String comment, String detail) {
        history.add(new HistoryEntry(++inst.historySeq, now, actorId, action, nodeId, taskId, comment, detail));
    }

    void event(ApprovalEvent e) {
        events.add(e);
    }

    /** Ends the instance (exactly once: a second end is a bug and fails loudly). */
    void end(InstanceStatus status, String actorId) {
        if (ended || inst.status.isFinal()) {
            throw new IllegalStateException("instance " + inst.id + " ended twice");
        }
        ended = true;
        cancelOpen(null);
        inst.joins.clear();
        inst.status = status;
        inst.endedAt = now;
        log(actorId, "END", null, null, null, status.name());
        event(new ApprovalEvent.InstanceEnded(inst.id, inst.businessKey, now, status));
    }

    static ApprovalConflictException conflict(Reason reason, String message) {
        return new ApprovalConflictException(reason, message);
    }
}
