package com.sealflow.server.approval.model;

/** Why a task exists: a node's approver, an added signer, a delegate, a handle step or a CC notice. */
public enum TaskKind {
    APPROVAL, ADDED_BEFORE, ADDED_AFTER, ADDED_PARALLEL, DELEGATE, HANDLE, CC
}
