package com.sealflow.protocol.token;

import java.util.Objects;

/**
 * The signed permission for one stamping session on one device. Issued by the control server
 * after the final approval, checked offline by the edge agent.
 *
 * @param tokenId        unique id (a UUID string); the agent refuses an id it has seen before
 * @param deviceId       the only device that may accept it
 * @param sealId         the seal to be used, or {@code null} when the device holds only one
 * @param slot           cabinet slot to release, or {@code null} for a single-seal device
 * @param requestId      the seal-use request that was approved
 * @param custodianId    user id of the custodian who must prove presence at the device
 * @param pressesAllowed approved copies: presses the session allows (1..65535)
 * @param issuedAt       server wall clock at issue, epoch milliseconds
 * @param notAfter       server wall clock after which the token is void, epoch milliseconds
 * @param counter        per-device counter, strictly increasing across tokens for that device
 */
public record UnlockToken(String tokenId, String deviceId, String sealId, Integer slot, String requestId,
                          String custodianId, int pressesAllowed, long issuedAt, long notAfter, long counter) {

    public UnlockToken {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(custodianId, "custodianId");
        if (slot != null && (slot < 1 || slot > 255)) {
            throw new IllegalArgumentException("slot must be 1..255 or null, was " + slot);
        }
        if (pressesAllowed < 1 || pressesAllowed > 0xFFFF) {
            throw new IllegalArgumentException("pressesAllowed must be 1..65535, was " + pressesAllowed);
        }
        if (notAfter <= issuedAt) {
            throw new IllegalArgumentException("notAfter must be after issuedAt");
        }
        if (counter < 0) {
            throw new IllegalArgumentException("counter must not be negative");
        }
    }

    /** The lifetime the server granted; the agent counts it on its monotonic clock from receipt. */
    public long ttlMillis() {
        return notAfter - issuedAt;
    }
}
