package com.sealflow.server.approval.model;

/** What a node does when its approvers resolve to nobody. Unset means AUTO_REJECT: a seal is never used by default. */
public record OnEmpty(Action action, ApproverSpec to) {

    public enum Action { AUTO_APPROVE, AUTO_REJECT, ASSIGN }
}
