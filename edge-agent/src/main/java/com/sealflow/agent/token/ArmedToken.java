package com.sealflow.agent.token;

import com.sealflow.protocol.token.UnlockToken;

/** An accepted token waiting for its custodian; it lapses at {@code expiresMonoNanos} on the agent's monotonic clock. */
public record ArmedToken(UnlockToken token, String keyId, String commandId, long receivedMonoNanos, long expiresMonoNanos) {

    public boolean expired(long nowMonoNanos) {
        return nowMonoNanos - expiresMonoNanos > 0;
    }

    /** The MCU's slot number: 0 = the device's only seal. */
    public int mcuSlot() {
        return token.slot() == null ? 0 : token.slot();
    }
}
