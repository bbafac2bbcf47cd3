package com.sealflow.server.approval.model;

/** 加签: before the adder decides, after the adder approved, or alongside as one more approver of the node. */
public enum SignerPosition {
    BEFORE, AFTER, PARALLEL
}
