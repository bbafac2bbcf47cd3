package com.sealflow.agent.token;

import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.journal.StoreSpace;
import com.sealflow.agent.journal.TokenLedger;
import com.sealflow.protocol.token.FastEd25519;
import com.sealflow.protocol.token.TokenChecks;
import com.sealflow.protocol.token.TokenDecision;
import com.sealflow.protocol.token.UnlockToken;
import com.sealflow.protocol.token.UnlockTokenCodec;
import com.sealflow.protocol.token.VerifiedToken;
import java.security.PublicKey;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every check an unlock token must pass before it arms the device: the protocol's codec (format, key id, Ed25519
 * signature), revocation, the protocol's {@link TokenChecks} (this device, unused id, counter above the last
 * accepted, TTL on the monotonic clock from receipt, wall clock within the skew tolerance), then room in the
 * evidence store. An accepted token's id and counter are recorded durably before the device is armed.
 */
public final class TokenGate {

    private final String deviceId;
    private final Supplier<Map<String, PublicKey>> keys;
    private final TokenLedger ledger;
    private final AgentClock clock;
    private final long skewToleranceMs;
    private final StoreSpace space;
    private final long minFreeBytes;

    public TokenGate(String deviceId, Supplier<Map<String, PublicKey>> keys, TokenLedger ledger, AgentClock clock,
                     long skewToleranceMs, StoreSpace space, long minFreeBytes) {
        this.deviceId = deviceId;
        this.keys = keys;
        this.ledger = ledger;
        this.clock = clock;
        this.skewToleranceMs = skewToleranceMs;
        this.space = space;
        this.minFreeBytes = minFreeBytes;
    }

    public ArmedToken admit(String wireToken, String commandId, long receivedMonoNanos) throws TokenRefusedException, SQLException {
        return admit(wireToken, commandId, receivedMonoNanos, null);
    }

    /**
     * As {@link #admit(String, String, long)}; an accepted token's {@code acceptedResult} (the command's ACCEPTED answer,
     * or null) is journaled as the command's first result in the same durable write as the token.
     */
    public ArmedToken admit(String wireToken, String commandId, long receivedMonoNanos, String acceptedResult)
            throws TokenRefusedException, SQLException {
        VerifiedToken v = UnlockTokenCodec.parseAndVerify(wireToken, keys.get(), FastEd25519.INSTANCE);
        if (!v.verified()) {
            throw new TokenRefusedException(RefusalReason.valueOf(v.refusal().name()), v.detail(), null);
        }
        UnlockToken t = v.token();
        Optional<String> seen = ledger.state(t.tokenId());
        if (seen.isPresent() && "REVOKED".equals(seen.get())) {
            throw new TokenRefusedException(RefusalReason.REVOKED, "token " + t.tokenId() + " was revoked", t.tokenId());
        }
        TokenDecision d = decide(t, seen.isPresent(), receivedMonoNanos);
        if (d != TokenDecision.ACCEPT) {
            throw new TokenRefusedException(RefusalReason.valueOf(d.name()), "token " + t.tokenId(), t.tokenId());
        }
        long free = space.freeBytes();
        if (free < minFreeBytes) {
            throw new TokenRefusedException(RefusalReason.STORE_FULL, free + " bytes free, floor " + minFreeBytes, t.tokenId());
        }
        ledger.accept(t.tokenId(), t.counter(), clock.wallMillis(), wireToken, commandId, acceptedResult);
        return new ArmedToken(t, v.keyId(), commandId, receivedMonoNanos, receivedMonoNanos + t.ttlMillis() * 1_000_000L);
    }

    /** Format and signature only: what a restarted agent needs to take up a token it journaled. */
    public VerifiedToken verify(String wireToken) {
        return UnlockTokenCodec.parseAndVerify(wireToken, keys.get(), FastEd25519.INSTANCE);
    }

    /**
     * An armed token a restarted agent finds in the ledger: verified again, and its TTL (counted from receipt) carried
     * across the gap by the wall clock, the only clock that survives a restart. A wall clock that went backwards means
     * the gap cannot be measured: the token is refused as EXPIRED rather than given extra life.
     */
    public ArmedToken rearm(String wireToken, String commandId, long receivedWallMillis) throws TokenRefusedException {
        VerifiedToken v = verify(wireToken);
        if (!v.verified()) {
            throw new TokenRefusedException(RefusalReason.valueOf(v.refusal().name()), v.detail(), null);
        }
        UnlockToken t = v.token();
        long elapsedMs = clock.wallMillis() - receivedWallMillis;
        if (elapsedMs < 0 || elapsedMs >= t.ttlMillis()) {
            throw new TokenRefusedException(RefusalReason.EXPIRED, "token " + t.tokenId() + " armed " + elapsedMs + " ms ago",
                    t.tokenId());
        }
        long received = clock.monoNanos() - elapsedMs * 1_000_000L;
        return new ArmedToken(t, v.keyId(), commandId, received, received + t.ttlMillis() * 1_000_000L);
    }

    /** Re-runs the time checks when the custodian arrives (the token is in the ledger by then, so not the id check). */
    public TokenDecision stillValid(ArmedToken a) throws SQLException {
        UnlockToken t = a.token();
        return TokenChecks.check(t, new TokenChecks.Context(deviceId, t.counter() - 1, Set.of(),
                a.receivedMonoNanos() / 1_000_000L, clock.monoNanos() / 1_000_000L, clock.wallMillis(), skewToleranceMs));
    }

    private TokenDecision decide(UnlockToken t, boolean seen, long receivedMonoNanos) throws SQLException {
        return TokenChecks.check(t, new TokenChecks.Context(deviceId, ledger.lastCounter(),
                seen ? Set.of(t.tokenId()) : Set.of(), receivedMonoNanos / 1_000_000L, clock.monoNanos() / 1_000_000L,
                clock.wallMillis(), skewToleranceMs));
    }
}
