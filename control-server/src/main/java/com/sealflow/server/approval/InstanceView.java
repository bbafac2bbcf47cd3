package com.sealflow.server.approval;

import com.sealflow.server.approval.model.InstanceStatus;
import java.util.List;
import java.util.Map;

/** An instance with its tasks (creation order) and its ordered history. {@code currentNodes}: nodes with open tasks. */
public record InstanceView(String id, String flowKey, int flowVersion, String businessKey, String applicantId,
                           InstanceStatus status, int round, long startedAt, Long endedAt, Map<String, Object> facts,
                           List<CurrentNode> currentNodes, List<TaskView> tasks, List<HistoryEntry> history) {

    public record CurrentNode(String nodeId, String name, List<String> assigneeIds) {
    }
}
