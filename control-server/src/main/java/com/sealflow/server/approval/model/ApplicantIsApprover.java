package com.sealflow.server.approval.model;

/** What happens when the applicant is among a node's approvers. */
public enum ApplicantIsApprover {
    /** The applicant decides like any other approver. */
    APPROVE_SELF,
    /** The applicant's slot is skipped (recorded as auto-approved); the node passes if nobody else remains. */
    SKIP,
    /** The applicant's slot goes to their department head (the next level up if that is the applicant). */
    DEPT_HEAD
}
