package com.sealflow.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.agent.clock.AgentClock;
import org.junit.jupiter.api.Test;

/**
 * The skew estimate is not moved by delivery delay (a token that waited in a queue), follows a wall clock that
 * jumps after the last token, and forgets sightings older than its window; it flags only a device behind.
 */
class ClockSkewEstimateTest {

    private static final long TOLERANCE = 120_000;
    private static final long SERVER_EPOCH = 1_795_000_000_000L;

    /** Settable clocks: {@code mono} in ms since boot, the device's wall clock {@code offset} ms ahead of the server's. */
    private static final class ManualClock implements AgentClock {
        long mono = 5_000;
        long offset;

        long serverNow() {
            return SERVER_EPOCH + mono;
        }

        @Override
        public long wallMillis() {
            return serverNow() + offset;
        }

        @Override
        public long monoNanos() {
            return mono * 1_000_000L;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ClockSkew skew = new ClockSkew(TOLERANCE, clock);

    /** A token issued now on the server's clock that arrives {@code delayMs} later. */
    private void tokenArrivingAfter(long delayMs) {
        long issuedAt = clock.serverNow();
        clock.mono += delayMs;
        skew.observe(issuedAt, clock.monoNanos());
        clock.mono += 500;
    }

    @Test
    void deliveryDelayIsNotTakenForSkew() {
        assertThat(skew.estimateMs()).isNull();
        clock.offset = 3_000;
        tokenArrivingAfter(150);
        assertThat(skew.estimateMs()).isEqualTo(3_150);
        // under load unlocks arrive tens of seconds late: the estimate keeps the least delayed sighting
        for (long delay : new long[] {45_000, 130_000, 70_000, 300_000}) {
            tokenArrivingAfter(delay);
            assertThat(skew.estimateMs()).as("after a token %d ms late", delay).isEqualTo(3_150);
            assertThat(skew.beyondTolerance()).isFalse();
        }
        tokenArrivingAfter(20);
        assertThat(skew.estimateMs()).isEqualTo(3_020);
    }

    @Test
    void aWallClockThatJumpsIsSeenAtOnceAndATrueSkewIsReported() {
        tokenArrivingAfter(100);
        assertThat(skew.estimateMs()).isEqualTo(100);
        clock.offset = -86_400_000L;
        assertThat(skew.estimateMs()).as("no new token needed").isEqualTo(-86_400_000L + 100);
        assertThat(skew.beyondTolerance()).isTrue();
        clock.offset = 86_400_000L;
        tokenArrivingAfter(60_000);
        assertThat(skew.estimateMs()).isEqualTo(86_400_000L + 100);
    }

    @Test
    void aSoleTokenThatWaitedRaisesTheEstimateButNeverFlagsTheDevice() {
        // the first token after a start, approved while the device was away: ten minutes in the server's outbox
        tokenArrivingAfter(600_000);
        assertThat(skew.estimateMs()).as("an upper bound: the wait is in it").isEqualTo(600_000);
        assertThat(skew.beyondTolerance()).as("delay never makes a device look behind").isFalse();
        clock.offset = -1_000_000;
        assertThat(skew.estimateMs()).isEqualTo(-400_000);
        assertThat(skew.beyondTolerance()).as("behind even with the wait in the bound").isTrue();
    }

    @Test
    void sightingsOlderThanTheWindowAreForgottenButTheLatestIsKept() {
        tokenArrivingAfter(10);
        clock.mono += ClockSkew.WINDOW_MS;
        tokenArrivingAfter(90_000);
        assertThat(skew.estimateMs()).as("the quick sighting is too old now").isEqualTo(90_000);
        clock.mono += 2 * ClockSkew.WINDOW_MS;
        assertThat(skew.estimateMs()).as("the only sighting left is kept").isEqualTo(90_000);
    }
}
