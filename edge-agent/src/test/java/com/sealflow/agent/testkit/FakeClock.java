package com.sealflow.agent.testkit;

import com.sealflow.agent.clock.AgentClock;
import java.util.concurrent.atomic.AtomicLong;

/** Real clocks plus adjustable offsets: time flows (so I/O timers work) and tests can jump either clock. */
public final class FakeClock implements AgentClock {

    private final AtomicLong wallOffset = new AtomicLong();
    private final AtomicLong monoOffset = new AtomicLong();

    @Override
    public long wallMillis() {
        return System.currentTimeMillis() + wallOffset.get();
    }

    @Override
    public long monoNanos() {
        return System.nanoTime() + monoOffset.get();
    }

    public void advanceMonoMillis(long ms) {
        monoOffset.addAndGet(ms * 1_000_000L);
    }

    public void shiftWallMillis(long ms) {
        wallOffset.addAndGet(ms);
    }
}
