package com.sealflow.server.approval.model;

/** Optional task operations a node permits; anything not listed is refused. */
public enum AllowedAction {
    TRANSFER, DELEGATE, ADD_SIGNER, RETURN
}
