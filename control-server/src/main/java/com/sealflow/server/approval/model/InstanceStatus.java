package com.sealflow.server.approval.model;

/** An instance's state. RUNNING and RETURNED are open; the rest are final. */
public enum InstanceStatus {
    RUNNING, RETURNED, APPROVED, REJECTED, WITHDRAWN, CANCELLED;

    public boolean isFinal() {
        return this != RUNNING && this != RETURNED;
    }
}
