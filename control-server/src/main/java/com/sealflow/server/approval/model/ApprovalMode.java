package com.sealflow.server.approval.model;

/** 依次 / 会签 / 或签 / 票签. */
public enum ApprovalMode {
    SEQUENTIAL, ALL, ANY, VOTE
}
