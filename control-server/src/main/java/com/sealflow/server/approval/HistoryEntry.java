package com.sealflow.server.approval;

/**
 * One timeline event, in order ({@code seq} from 1). {@code action} is one of START APPROVE REJECT RETURN WITHDRAW
 * RESUBMIT TRANSFER DELEGATE ADD_SIGNER REMOVE_SIGNER URGE COMMENT CANCEL COMPLETE_HANDLE NODE_ENTERED NODE_APPROVED
 * NODE_REJECTED BRANCH AUTO_APPROVE AUTO_REJECT SKIP DEDUPE CC AUTO TIMEOUT REMIND END; {@code actorId} is null for the
 * system. {@code detail} is a short machine-readable note (e.g. the outcome, target node, users).
 */
public record HistoryEntry(int seq, long at, String actorId, String action, String nodeId, String taskId,
                           String comment, String detail) {
}
