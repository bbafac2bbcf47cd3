package com.sealflow.server.approval.model;

/** What a node in a drawn flow does (DESIGN §3). */
public enum NodeType {
    START, APPROVAL, HANDLE, CC, CONDITION, PARALLEL, INCLUSIVE, AUTO;

    /** Nodes whose {@code branches} run before the container continues at its own {@code next}. */
    public boolean isContainer() {
        return this == CONDITION || this == PARALLEL || this == INCLUSIVE;
    }
}
