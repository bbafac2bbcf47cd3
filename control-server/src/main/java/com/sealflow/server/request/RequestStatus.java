package com.sealflow.server.request;

/** A request's status; IN_PROGRESS and RETURNED follow the approval instance, the rest are final or draft. */
public enum RequestStatus {
    DRAFT,
    IN_PROGRESS,
    RETURNED,
    REJECTED,
    WITHDRAWN,
    COMPLETED;

    public boolean open() {
        return this == DRAFT || this == IN_PROGRESS || this == RETURNED;
    }
}
