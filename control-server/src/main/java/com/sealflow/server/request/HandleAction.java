package com.sealflow.server.request;

/** What a custodian does at a device when a flow's HANDLE node is reached. */
public enum HandleAction {
    /** a stamping session on a smart seal device or a cabinet slot */
    STAMP,
    /** the seal leaves its cabinet slot (take-out) */
    CHECKOUT,
    /** the seal is back in its slot */
    CHECKIN
}
