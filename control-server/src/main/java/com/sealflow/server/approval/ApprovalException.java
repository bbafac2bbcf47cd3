package com.sealflow.server.approval;

/** Base of the engine's typed failures; the HTTP layer maps each subclass to one problem type. */
public abstract class ApprovalException extends RuntimeException {

    protected ApprovalException(String message) {
        super(message);
    }
}
