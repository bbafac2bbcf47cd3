package com.sealflow.agent.token;

/** Why an unlock was refused: the {@code reason} of a REJECTED cmd-res and of a TOKEN_REFUSED event. */
public enum RefusalReason {
    /** Not a token at all: undecodable, wrong version, missing fields. */
    BAD_FORMAT,
    /** Signed with a key id the device does not know. */
    UNKNOWN_KEY,
    /** The signature does not verify under the named key (forged or tampered). */
    BAD_SIGNATURE,
    /** Issued for another device. */
    WRONG_DEVICE,
    /** This token id was already accepted or used. */
    REPLAYED,
    /** This token id was revoked. */
    REVOKED,
    /** The per-device counter is not above the last one accepted (rollback or clone). */
    COUNTER_ROLLBACK,
    /** Its time-to-live ran out (wall clock past not-after, or the monotonic TTL since receipt). */
    EXPIRED,
    /** Issued-at lies further in the future than the skew tolerance: one of the clocks is wrong. */
    CLOCK_SKEW,
    /** The evidence store is below its free-space floor: no new stamping until it is uploaded/freed. */
    STORE_FULL,
    /** The custodian's credential did not match, or the device refused the UNLOCK. */
    DEVICE_REFUSED
}
