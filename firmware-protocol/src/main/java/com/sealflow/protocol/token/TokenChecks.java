package com.sealflow.protocol.token;

import java.util.Objects;
import java.util.Set;

/**
 * The device-side checks on an authentic token, as a pure function so agent, simulator, server
 * tests and the docs agree. Run them on receipt and again when the custodian arrives.
 */
public final class TokenChecks {

    private TokenChecks() {
    }

    /**
     * What the device knows when it judges a token.
     *
     * @param deviceId          this device's id
     * @param lastCounter       highest counter accepted so far (-1 when none)
     * @param usedTokenIds      ids of tokens accepted before (not copied: a live view is fine)
     * @param receivedMonotonic monotonic clock (ms) when the token arrived
     * @param nowMonotonic      monotonic clock now (ms)
     * @param nowWall           wall clock now, epoch ms
     * @param maxSkewMillis     how far the wall clocks of server and device may disagree
     */
    public record Context(String deviceId, long lastCounter, Set<String> usedTokenIds, long receivedMonotonic,
                          long nowMonotonic, long nowWall, long maxSkewMillis) {
        public Context {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(usedTokenIds, "usedTokenIds");
            if (maxSkewMillis < 0) {
                throw new IllegalArgumentException("maxSkewMillis must not be negative");
            }
        }
    }

    /**
     * Checks in a fixed order so the reason is stable: device, replay (id, then counter), then time.
     * Lifetime is counted on the monotonic clock from receipt because the device's wall clock may
     * be wrong or may jump; the wall clock still voids a token that arrives after notAfter (so
     * tokens expire rather than arrive late) and exposes one issued implausibly far in the future.
     */
    public static TokenDecision check(UnlockToken token, Context context) {
        if (!token.deviceId().equals(context.deviceId())) {
            return TokenDecision.WRONG_DEVICE;
        }
        if (context.usedTokenIds().contains(token.tokenId())) {
            return TokenDecision.ALREADY_USED;
        }
        if (token.counter() <= context.lastCounter()) {
            return TokenDecision.COUNTER_NOT_INCREASING;
        }
        long heldFor = context.nowMonotonic() - context.receivedMonotonic();
        if (heldFor < 0 || heldFor > token.ttlMillis()) {
            return TokenDecision.EXPIRED;
        }
        if (context.nowWall() > token.notAfter() + context.maxSkewMillis()) {
            return TokenDecision.EXPIRED;
        }
        if (context.nowWall() < token.issuedAt() - context.maxSkewMillis()) {
            return TokenDecision.CLOCK_SKEW;
        }
        return TokenDecision.ACCEPT;
    }
}
