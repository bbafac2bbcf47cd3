package com.sealflow.server.approval;

import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;

/** A task row while a decision is computed; mutable inside one {@link Run} only. */
final class TaskState {

    String id;
    String instanceId;
    String nodeId;
    TaskKind kind;
    String assigneeId;
    TaskStatus status;
    int round;
    int activation;
    int no;
    String parentTaskId;
    long createdAt;
    Long completedAt;
    Long dueAt;
    Long remindAt;
    int reminders;
    String actorId;
    String comment;

    TaskState copy() {
        TaskState t = new TaskState();
        t.id = id;
        t.instanceId = instanceId;
        t.nodeId = nodeId;
        t.kind = kind;
        t.assigneeId = assigneeId;
        t.status = status;
        t.round = round;
        t.activation = activation;
        t.no = no;
        t.parentTaskId = parentTaskId;
        t.createdAt = createdAt;
        t.completedAt = completedAt;
        t.dueAt = dueAt;
        t.remindAt = remindAt;
        t.reminders = reminders;
        t.actorId = actorId;
        t.comment = comment;
        return t;
    }

    @Override
    public String toString() {
        return id + "@" + nodeId + "#" + activation + " " + kind + " " + assigneeId + " " + status
            + (parentTaskId == null ? "" : " parent=" + parentTaskId) + (actorId == null ? "" : " by=" + actorId);
    }

    boolean isOpen() {
        return status.isOpen();
    }
}
