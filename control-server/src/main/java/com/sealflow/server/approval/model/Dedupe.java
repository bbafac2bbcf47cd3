package com.sealflow.server.approval.model;

/** Whether an approver who already approved earlier in the same round is approved automatically. */
public enum Dedupe {
    NONE, CONSECUTIVE, ANY_PRIOR
}
