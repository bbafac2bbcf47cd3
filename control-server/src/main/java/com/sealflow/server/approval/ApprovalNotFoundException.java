package com.sealflow.server.approval;

/** An unknown flow, version, instance or task (HTTP 404). */
public final class ApprovalNotFoundException extends ApprovalException {

    public ApprovalNotFoundException(String message) {
        super(message);
    }
}
