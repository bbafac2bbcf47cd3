package com.sealflow.agent.token;

/**
 * The fields of a verified unlock token the agent acts on (decoded and signature-checked by a {@link TokenDecoder}).
 * {@code slot} 0 = the device's only seal. Times are epoch ms from the server's clock.
 */
public record UnlockToken(String tokenId, String deviceId, int slot, String sealId, String requestId, String custodianId,
                          int presses, long issuedAt, long notAfter, long counter, String kid) {

    /** The server's time-to-live, which the agent counts on its own monotonic clock from receipt. */
    public long ttlMillis() {
        return Math.max(0, notAfter - issuedAt);
    }
}
