package com.sealflow.agent.session;

import com.sealflow.agent.clock.AgentClock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Estimates how far the device's wall clock is from the server's, from server times the agent sees (token
 * {@code issuedAt} at receipt). A server time seen at receipt says the server's clock read at least that much then:
 * delivery delay only makes it older. So each sighting is kept as "server time minus the monotonic clock at receipt",
 * and the estimate uses the largest of those seen in the last {@link #WINDOW_MS} — the least delayed sighting —
 * projected to now with the monotonic clock: {@code wallNow - (monoNow + max(serverTime - monoAtReceipt))}. A token
 * that waited a minute in a queue therefore does not move the estimate by a minute, and a wall clock that jumps
 * after the last token is seen at once (wall and monotonic clock are read now). Evidence carries the estimate and a
 * flag when it is beyond tolerance; HEALTH events report it.
 *
 * <p>The estimate is an upper bound of how far the device is ahead: a token that waited (the device was away when it
 * was approved, and it may wait up to its notAfter) raises it by the wait. So it proves a device behind, never one
 * ahead, and the flag is raised only for a device behind by more than the tolerance. A device ahead shows in its event
 * times, which the server finds beyond its own clock.
 */
public final class ClockSkew {

    /** Sightings older than this (monotonic) are dropped: a crystal's drift stays far below the tolerance in that time. */
    static final long WINDOW_MS = 6 * 3_600_000L;
    private static final int MAX_SIGHTINGS = 64;

    private final long toleranceMs;
    private final AgentClock clock;
    /** {serverTime - monoMillisAtReceipt, monoMillisAtReceipt}, oldest first. */
    private final Deque<long[]> sightings = new ArrayDeque<>();

    public ClockSkew(long toleranceMs, AgentClock clock) {
        this.toleranceMs = toleranceMs;
        this.clock = clock;
    }

    /** A server timestamp received at monotonic time {@code receivedMonoNanos} (when the message arrived). */
    public synchronized void observe(long serverTime, long receivedMonoNanos) {
        long mono = receivedMonoNanos / 1_000_000L;
        sightings.addLast(new long[] {serverTime - mono, mono});
        while (sightings.size() > MAX_SIGHTINGS) {
            sightings.removeFirst();
        }
    }

    /** The estimate in ms (positive = device ahead), or null before any server time was seen. */
    public synchronized Long estimateMs() {
        long monoNow = clock.monoMillis();
        while (sightings.size() > 1 && monoNow - sightings.peekFirst()[1] > WINDOW_MS) {
            sightings.removeFirst();
        }
        if (sightings.isEmpty()) {
            return null;
        }
        long best = Long.MIN_VALUE;
        for (long[] s : sightings) {
            best = Math.max(best, s[0]);
        }
        return clock.wallMillis() - (monoNow + best);
    }

    /** The device is behind the server by more than the tolerance (see above: delay never makes it look behind). */
    public boolean beyondTolerance() {
        Long v = estimateMs();
        return v != null && v < -toleranceMs;
    }
}
