package com.sealflow.server.approval;

import com.sealflow.server.approval.model.SignerPosition;
import java.util.List;
import java.util.Map;

/** An action on a running instance, by {@code actorId}. Run with {@link ApprovalEngine#execute}. */
public sealed interface ApprovalCommand {

    String actorId();

    /** Commands that act on one task; the task's instance is the one locked. */
    sealed interface OnTask extends ApprovalCommand {
        String taskId();
    }

    /** Commands that act on the instance as a whole. */
    sealed interface OnInstance extends ApprovalCommand {
        String instanceId();
    }

    record Approve(String taskId, String actorId, String comment) implements OnTask {
    }

    /** Rejects; the node's {@code onReject} decides what follows. */
    record Reject(String taskId, String actorId, String comment) implements OnTask {
    }

    /** 退回 to an earlier node on the same line, or to the START node's id (back to the applicant). Needs allow RETURN. */
    record Return(String taskId, String actorId, String toNodeId, String comment) implements OnTask {
    }

    /** 转办: the task moves to {@code toUserId} for good. Needs allow TRANSFER. */
    record Transfer(String taskId, String actorId, String toUserId, String comment) implements OnTask {
    }

    /** 委派: {@code toUserId} gives an opinion, then the task comes back to the actor to decide. Needs allow DELEGATE. */
    record Delegate(String taskId, String actorId, String toUserId, String comment) implements OnTask {
    }

    /** 加签. BEFORE: they approve first; AFTER: the actor approves now and they must approve too; PARALLEL: extra approvers. */
    record AddSigners(String taskId, String actorId, List<String> userIds, SignerPosition position, String comment)
        implements OnTask {
    }

    /** Removes a signer the actor added ({@code taskId} is the added signer's open task). */
    record RemoveSigner(String taskId, String actorId, String comment) implements OnTask {
    }

    /** Completes a HANDLE task (the stamping / checkout / checkin is done). */
    record CompleteHandle(String taskId, String actorId, String comment) implements OnTask {
    }

    /** 撤回 by the applicant while RUNNING or RETURNED. */
    record Withdraw(String instanceId, String actorId, String comment) implements OnInstance {
    }

    /** After a return to the applicant: starts a new round from the first node; {@code facts} (if not null) replace the old. */
    record Resubmit(String instanceId, String actorId, Map<String, Object> facts, String comment) implements OnInstance {
    }

    /** 催办 by the applicant: reminds every pending assignee; at most every 30 minutes. */
    record Urge(String instanceId, String actorId) implements OnInstance {
    }

    /** A comment on the timeline; allowed in any status. */
    record Comment(String instanceId, String actorId, String text) implements OnInstance {
    }

    /** Administrative stop (e.g. the seal was reported lost): CANCELLED. */
    record Cancel(String instanceId, String actorId, String reason) implements OnInstance {
    }
}
