package com.sealflow.server.approval;

import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import java.util.Map;

/**
 * A task as lists and the request detail show it. {@code parentTaskId}: the adder (加签), the delegator (委派) or the
 * task it was transferred from. {@code fieldPermissions} come from the node, for the UI.
 */
public record TaskView(String id, String instanceId, String businessKey, String flowKey, String nodeId, String nodeName,
                       TaskKind kind, String assigneeId, TaskStatus status, int round, String parentTaskId,
                       long createdAt, Long completedAt, Long dueAt, String actorId, String comment,
                       Map<String, String> fieldPermissions) {
}
