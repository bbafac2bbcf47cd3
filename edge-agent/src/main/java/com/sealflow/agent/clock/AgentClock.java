package com.sealflow.agent.clock;

/**
 * The two clocks the agent reads. Wall time stamps evidence and is checked against the server's;
 * the monotonic clock measures token TTLs and session limits, so a wall-clock jump can neither
 * extend nor cut them. Tests inject a fake.
 */
public interface AgentClock {

    /** Epoch milliseconds (UTC). */
    long wallMillis();

    /** Monotonic nanoseconds, arbitrary origin (like {@link System#nanoTime()}). */
    long monoNanos();

    default long monoMillis() {
        return monoNanos() / 1_000_000L;
    }

    static AgentClock system() {
        return new AgentClock() {
            @Override
            public long wallMillis() {
                return System.currentTimeMillis();
            }

            @Override
            public long monoNanos() {
                return System.nanoTime();
            }
        };
    }
}
