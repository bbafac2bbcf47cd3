package com.sealflow.server.web;

/** The roles of DESIGN §1. A user has any number of them; every employee has at least EMPLOYEE implicitly. */
public enum Role {
    ADMIN,
    SEAL_ADMIN,
    FLOW_ADMIN,
    LEGAL,
    FINANCE,
    EXECUTIVE,
    CUSTODIAN,
    SECURITY,
    AUDITOR,
    EMPLOYEE;

    /** Parses a role name or returns null when there is no such role (input validation reports it). */
    public static Role parse(String name) {
        if (name == null) {
            return null;
        }
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(name.trim())) {
                return r;
            }
        }
        return null;
    }
}
