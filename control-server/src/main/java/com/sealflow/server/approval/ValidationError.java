package com.sealflow.server.approval;

/** One problem in a drawn flow or a command; {@code nodeId} is null for flow-level or command problems. */
public record ValidationError(String nodeId, String message) {
}
