package com.sealflow.agent.token;

/**
 * Why an unlock was refused: the {@code reason} of a REJECTED cmd-res and of a TOKEN_REFUSED event. The first
 * nine are the protocol's own names ({@code TokenRefusal}, {@code TokenDecision}); the rest are the agent's.
 */
public enum RefusalReason {
    BAD_FORMAT,
    UNSUPPORTED_VERSION,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    WRONG_DEVICE,
    ALREADY_USED,
    COUNTER_NOT_INCREASING,
    EXPIRED,
    CLOCK_SKEW,
    /** This token id was revoked ({@code cmd/revoke}). */
    REVOKED,
    /** The evidence store is below its free-space floor: no new stamping until evidence is uploaded or space freed. */
    STORE_FULL
}
