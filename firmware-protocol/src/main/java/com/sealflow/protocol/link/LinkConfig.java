package com.sealflow.protocol.link;

/**
 * Timing of the reliable link.
 *
 * @param ackTimeoutMillis  wait this long for ACK/NACK before sending the frame again
 * @param maxRetries        retransmissions after the first attempt before giving up on a frame
 * @param dedupMemoryMillis how long the receiver remembers the last reliable seq it answered; far
 *                          longer than {@code ackTimeoutMillis * (maxRetries + 1)}, so every
 *                          retransmit is recognised, yet short enough that a peer restarting
 *                          without HELLO cannot lose a frame that happens to reuse that seq
 */
public record LinkConfig(long ackTimeoutMillis, int maxRetries, long dedupMemoryMillis) {

    /** 250 ms timeout, 5 retries (about 1.5 s before giving up), 30 s dedup memory. */
    public static final LinkConfig DEFAULT = new LinkConfig(250, 5, 30_000);

    public LinkConfig {
        if (ackTimeoutMillis <= 0 || maxRetries < 0) {
            throw new IllegalArgumentException("ackTimeoutMillis must be positive and maxRetries non-negative");
        }
        if (dedupMemoryMillis <= ackTimeoutMillis * (maxRetries + 1)) {
            throw new IllegalArgumentException("dedupMemoryMillis must exceed the whole retransmission span");
        }
    }
}
