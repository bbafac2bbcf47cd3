package com.sealflow.agent.upload;

import com.sealflow.agent.clock.AgentClock;

/** Token bucket on the monotonic clock: {@code perSecond} permits a second, bursts up to one second's worth. */
final class RateLimiter {

    private final AgentClock clock;
    private final double perNano;
    private final double burst;
    private double permits;
    private long last;

    RateLimiter(AgentClock clock, double perSecond) {
        this.clock = clock;
        this.perNano = perSecond / 1e9;
        this.burst = Math.max(1.0, perSecond);
        this.permits = 1.0;
        this.last = clock.monoNanos();
    }

    synchronized boolean tryAcquire() {
        long now = clock.monoNanos();
        permits = Math.min(burst, permits + (now - last) * perNano);
        last = now;
        if (permits >= 1.0) {
            permits -= 1.0;
            return true;
        }
        return false;
    }

    /** Nanoseconds until the next permit, for sleeping. */
    synchronized long nanosUntilPermit() {
        return permits >= 1.0 ? 0 : (long) ((1.0 - permits) / perNano);
    }
}
