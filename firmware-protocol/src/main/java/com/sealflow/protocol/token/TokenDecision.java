package com.sealflow.protocol.token;

/** The agent's verdict on an authentic token, from {@link TokenChecks}. */
public enum TokenDecision {
    ACCEPT,
    /** Issued for another device. */
    WRONG_DEVICE,
    /** This token id was accepted before: a replay. */
    ALREADY_USED,
    /** Counter not above the last accepted one: an old token replayed, or a server rollback. */
    COUNTER_NOT_INCREASING,
    /** Its lifetime is over: counted from receipt on the monotonic clock, or by wall clock past notAfter. */
    EXPIRED,
    /** Issued in the future by more than the tolerance: the device or server clock is wrong. */
    CLOCK_SKEW
}
