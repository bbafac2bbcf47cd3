package com.sealflow.server.approval;

/** The action does not fit the current state (HTTP 409); {@link #reason()} says why. */
public final class ApprovalConflictException extends ApprovalException {

    public enum Reason {
        /** The task is no longer pending (someone else decided, it was cancelled, the node moved on). */
        STALE_TASK,
        /** The actor is not the task's assignee / the instance's applicant. */
        WRONG_ACTOR,
        /** The node's {@code allow} does not permit the operation, or the operation does not apply to this node type. */
        NOT_ALLOWED,
        /** The instance is not in a state that accepts the action (e.g. resubmit while RUNNING). */
        INSTANCE_STATE,
        /** Urged less than 30 minutes ago. */
        URGE_TOO_SOON,
        /** A flow instance already exists for the business key. */
        DUPLICATE,
        /** The idempotency key was used before for a different action. */
        IDEMPOTENCY_MISMATCH
    }

    private final Reason reason;

    public ApprovalConflictException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
