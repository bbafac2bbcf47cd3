package com.sealflow.server.approval.model;

/** A task's state. PENDING is actionable; WAITING waits for its turn (依次, 前加签, 委派); the rest are final. */
public enum TaskStatus {
    PENDING, WAITING, APPROVED, REJECTED, RETURNED, TRANSFERRED, DELEGATED, CANCELLED, TIMED_OUT,
    AUTO_APPROVED, AUTO_REJECTED, DONE;

    public boolean isOpen() {
        return this == PENDING || this == WAITING || this == DELEGATED;
    }
}
