package com.sealflow.server.approval.model;

/** What a rejection at a node does. Unset means TERMINATE. {@code nodeId} is for RETURN_TO_NODE. */
public record OnReject(Policy policy, String nodeId) {

    public enum Policy { TERMINATE, RETURN_TO_APPLICANT, RETURN_TO_PREVIOUS, RETURN_TO_NODE }
}
