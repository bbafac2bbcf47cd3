package com.sealflow.server.approval.model;

import java.util.List;

/**
 * Who approves: {@code USERS {userIds}}, {@code ROLE {role}}, {@code DEPT_HEAD {level, of}}, {@code DEPT_HEAD_CHAIN
 * {upToLevel}}, {@code APPLICANT_SELECT} (fact {@code approvers.<nodeId>}), {@code FORM_FIELD {field}} (fact
 * {@code form.<field>}), {@code APPLICANT}, {@code SEAL_CUSTODIAN}. Records compare by value, so a spec is its own cache key.
 */
public record ApproverSpec(ApproverType type, List<String> userIds, String role, Integer level, String of,
                           Integer upToLevel, String field) {

    public static ApproverSpec users(String... ids) {
        return new ApproverSpec(ApproverType.USERS, List.of(ids), null, null, null, null, null);
    }

    public static ApproverSpec role(String role) {
        return new ApproverSpec(ApproverType.ROLE, null, role, null, null, null, null);
    }

    public static ApproverSpec deptHead(int level) {
        return new ApproverSpec(ApproverType.DEPT_HEAD, null, null, level, null, null, null);
    }

    public static ApproverSpec of(ApproverType type) {
        return new ApproverSpec(type, null, null, null, null, null, null);
    }
}
