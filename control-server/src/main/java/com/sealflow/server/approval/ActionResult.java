package com.sealflow.server.approval;

import com.sealflow.server.approval.model.InstanceStatus;
import java.util.List;

/**
 * The outcome of an action: the instance's status afterwards and the tasks that became actionable. A repeat with the
 * same idempotency key returns this same record (fetch {@link ApprovalEngine#instance} for the current picture).
 */
public record ActionResult(String instanceId, InstanceStatus status, List<String> newTaskIds) {
}
