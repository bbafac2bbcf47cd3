package com.sealflow.server.approval.model;

/** Who an {@link ApproverSpec} names. ROLE, DEPT_HEAD, DEPT_HEAD_CHAIN and SEAL_CUSTODIAN go through the resolver SPI. */
public enum ApproverType {
    USERS, ROLE, DEPT_HEAD, DEPT_HEAD_CHAIN, APPLICANT_SELECT, FORM_FIELD, APPLICANT, SEAL_CUSTODIAN
}
