package com.sealflow.server.approval;

import com.sealflow.server.approval.model.InstanceStatus;
import com.sealflow.server.approval.model.TaskKind;
import com.sealflow.server.approval.model.TaskStatus;
import java.util.List;

/**
 * What the engine tells other modules. Delivered in order, first to {@link ApprovalListener}s inside the action's
 * transaction (their writes commit or roll back with the action), then after commit to informational listeners.
 * {@code businessKey} is the caller's id for the instance (the request id).
 */
public sealed interface ApprovalEvent {

    String instanceId();

    String businessKey();

    long at();

    record InstanceStarted(String instanceId, String businessKey, long at, String flowKey, int flowVersion,
                           String applicantId) implements ApprovalEvent {
    }

    /** A task became actionable (PENDING) for {@code assigneeId}; also sent when a waiting task's turn comes. */
    record TaskCreated(String instanceId, String businessKey, long at, String taskId, String nodeId, String nodeName,
                       TaskKind kind, String assigneeId) implements ApprovalEvent {
    }

    /** A task reached a final status (by a person, a timer, or because its node moved on: CANCELLED). */
    record TaskCompleted(String instanceId, String businessKey, long at, String taskId, String nodeId, TaskKind kind,
                         String assigneeId, TaskStatus status, String actorId) implements ApprovalEvent {
    }

    /**
     * A HANDLE node was reached: every approval on the path to it has completed. The request module reacts (inside
     * the transaction) by asking the device module for an unlock grant for {@code action} (STAMP CHECKOUT CHECKIN GENERIC).
     */
    record HandleReached(String instanceId, String businessKey, long at, String nodeId, String action,
                         List<String> assigneeIds, List<String> taskIds) implements ApprovalEvent {
    }

    /** A HANDLE task was completed by {@code actorId}. */
    record HandleCompleted(String instanceId, String businessKey, long at, String nodeId, String action, String taskId,
                           String actorId) implements ApprovalEvent {
    }

    /** An AUTO node ran (ARCHIVE, WEBHOOK): listeners do the work. */
    record AutoStepReached(String instanceId, String businessKey, long at, String nodeId, String action)
        implements ApprovalEvent {
    }

    /** 抄送. */
    record CarbonCopied(String instanceId, String businessKey, long at, String nodeId, List<String> recipientIds)
        implements ApprovalEvent {
    }

    /** Sent back to the applicant (status RETURNED). */
    record InstanceReturned(String instanceId, String businessKey, long at, String fromNodeId, String actorId)
        implements ApprovalEvent {
    }

    /** The instance reached a final status (APPROVED REJECTED WITHDRAWN CANCELLED); sent exactly once. */
    record InstanceEnded(String instanceId, String businessKey, long at, InstanceStatus status) implements ApprovalEvent {
    }

    /** 催办 by the applicant, or a reminder of a time limit ({@code byTimer}). */
    record Reminder(String instanceId, String businessKey, long at, List<String> taskIds, List<String> assigneeIds,
                    boolean byTimer) implements ApprovalEvent {
    }
}
