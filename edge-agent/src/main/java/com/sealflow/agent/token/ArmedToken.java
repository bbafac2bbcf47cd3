package com.sealflow.agent.token;

/** An accepted token waiting for its custodian; it lapses at {@code expiresMonoNanos} on the agent's monotonic clock. */
public record ArmedToken(UnlockToken token, String commandId, long receivedMonoNanos, long expiresMonoNanos) {

    public boolean expired(long nowMonoNanos) {
        return nowMonoNanos - expiresMonoNanos >= 0;
    }
}
