package com.sealflow.agent.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Estimates how far the device's wall clock is from the server's, from server times the agent sees (enrolment
 * serverTime, token issuedAt on receipt: an upper bound including transit). Evidence carries the estimate and a
 * flag when it is beyond tolerance; HEALTH events report it.
 */
public final class ClockSkew {

    private final long toleranceMs;
    private final AtomicLong estimate = new AtomicLong(Long.MIN_VALUE);

    public ClockSkew(long toleranceMs) {
        this.toleranceMs = toleranceMs;
    }

    /** A server timestamp seen at local wall time {@code localWall}: positive = device ahead. */
    public void observe(long serverTime, long localWall) {
        estimate.set(localWall - serverTime);
    }

    /** The latest estimate in ms, or null before any server time was seen. */
    public Long estimateMs() {
        long v = estimate.get();
        return v == Long.MIN_VALUE ? null : v;
    }

    public boolean beyondTolerance() {
        Long v = estimateMs();
        return v != null && Math.abs(v) > toleranceMs;
    }
}
