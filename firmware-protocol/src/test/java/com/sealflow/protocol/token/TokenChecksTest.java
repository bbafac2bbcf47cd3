package com.sealflow.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.protocol.vectors.VectorFixtures;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenChecksTest {

    private static final long SKEW = 60_000;
    private final UnlockToken token = VectorFixtures.token(); // TTL 600 000 ms, counter 42
    private final long issued = token.issuedAt();

    private TokenChecks.Context context(String device, long lastCounter, Set<String> used, long heldMillis, long wallNow) {
        return new TokenChecks.Context(device, lastCounter, used, 1_000, 1_000 + heldMillis, wallNow, SKEW);
    }

    private TokenDecision fresh(long heldMillis, long wallNow) {
        return TokenChecks.check(token, context(token.deviceId(), 41, Set.of(), heldMillis, wallNow));
    }

    @Test
    void freshTokenForThisDeviceIsAccepted() {
        assertThat(fresh(0, issued + 2_000)).isEqualTo(TokenDecision.ACCEPT);
    }

    @Test
    void anotherDevicesTokenIsRefused() {
        assertThat(TokenChecks.check(token, context("SF-DEV-0002", 41, Set.of(), 0, issued))).isEqualTo(TokenDecision.WRONG_DEVICE);
    }

    @Test
    void usedIdIsRefusedEvenWithAHigherCounterThreshold() {
        assertThat(TokenChecks.check(token, context(token.deviceId(), 0, Set.of(token.tokenId()), 0, issued)))
                .isEqualTo(TokenDecision.ALREADY_USED);
    }

    @Test
    void counterMustRiseStrictly() {
        assertThat(TokenChecks.check(token, context(token.deviceId(), 42, Set.of(), 0, issued)))
                .isEqualTo(TokenDecision.COUNTER_NOT_INCREASING);
        assertThat(TokenChecks.check(token, context(token.deviceId(), 100, Set.of(), 0, issued)))
                .isEqualTo(TokenDecision.COUNTER_NOT_INCREASING);
        assertThat(TokenChecks.check(token, context(token.deviceId(), -1, Set.of(), 0, issued))).isEqualTo(TokenDecision.ACCEPT);
    }

    @Test
    void lifetimeCountsOnTheMonotonicClockFromReceipt() {
        long ttl = token.ttlMillis();
        // The wall clock is stuck at issue time (no NTP yet): monotonic time still expires the token.
        assertThat(fresh(ttl, issued)).isEqualTo(TokenDecision.ACCEPT);
        assertThat(fresh(ttl + 1, issued)).isEqualTo(TokenDecision.EXPIRED);
    }

    @Test
    void monotonicClockGoingBackwardsMeansARebootAndExpires() {
        assertThat(fresh(-5, issued)).isEqualTo(TokenDecision.EXPIRED);
    }

    @Test
    void tokenArrivingAfterNotAfterIsExpiredBeyondTheSkewTolerance() {
        assertThat(fresh(0, token.notAfter() + SKEW)).isEqualTo(TokenDecision.ACCEPT);
        assertThat(fresh(0, token.notAfter() + SKEW + 1)).isEqualTo(TokenDecision.EXPIRED);
    }

    @Test
    void tokenFromTheFutureIsClockSkew() {
        assertThat(fresh(0, issued - SKEW)).isEqualTo(TokenDecision.ACCEPT);
        assertThat(fresh(0, issued - SKEW - 1)).isEqualTo(TokenDecision.CLOCK_SKEW);
    }

    @Test
    void everyDecisionIsReachable() {
        assertThat(Set.of(fresh(0, issued), fresh(-1, issued), fresh(0, issued - SKEW - 1),
                TokenChecks.check(token, context("x", 41, Set.of(), 0, issued)),
                TokenChecks.check(token, context(token.deviceId(), 41, Set.of(token.tokenId()), 0, issued)),
                TokenChecks.check(token, context(token.deviceId(), 42, Set.of(), 0, issued))))
                .containsExactlyInAnyOrder(TokenDecision.values());
    }
}
