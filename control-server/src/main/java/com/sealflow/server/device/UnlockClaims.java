package com.sealflow.server.device;

/**
 * The fields of an unlock token (DESIGN §4, firmware-protocol's {@code UnlockToken}): the token names one
 * custodian, one device and seal/slot, the presses allowed, its lifetime and the per-device counter.
 */
record UnlockClaims(String tokenId, String deviceId, String sealId, Integer slot, String requestId, String custodianId,
                    int pressesAllowed, long issuedAt, long notAfter, long counter) {
}
