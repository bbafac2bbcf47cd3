package com.sealflow.agent.token;

import com.sealflow.agent.clock.AgentClock;
import com.sealflow.agent.journal.StoreSpace;
import com.sealflow.agent.journal.TokenLedger;
import java.security.PublicKey;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every check an unlock token must pass before it arms the device, in order: decodes and signature (by a known
 * key id), this device, token id never seen (or revoked), counter above the last accepted (persisted), wall-clock
 * sanity within the skew tolerance, TTL on the monotonic clock from receipt, and room in the evidence store. An
 * accepted token is recorded durably (id + counter) before the device is armed, so a replay after reboot fails too.
 */
public final class TokenGate {

    private final String deviceId;
    private final TokenDecoder decoder;
    private final Supplier<Map<String, PublicKey>> keys;
    private final TokenLedger ledger;
    private final AgentClock clock;
    private final long skewToleranceMs;
    private final StoreSpace space;
    private final long minFreeBytes;

    public TokenGate(String deviceId, TokenDecoder decoder, Supplier<Map<String, PublicKey>> keys, TokenLedger ledger,
                     AgentClock clock, long skewToleranceMs, StoreSpace space, long minFreeBytes) {
        this.deviceId = deviceId;
        this.decoder = decoder;
        this.keys = keys;
        this.ledger = ledger;
        this.clock = clock;
        this.skewToleranceMs = skewToleranceMs;
        this.space = space;
        this.minFreeBytes = minFreeBytes;
    }

    public ArmedToken admit(String wireToken, String commandId, long receivedMonoNanos) throws TokenRefusedException, SQLException {
        UnlockToken t = decoder.decode(wireToken, keys.get());
        try {
            return judge(t, commandId, receivedMonoNanos);
        } catch (TokenRefusedException e) {
            throw new TokenRefusedException(e.reason(), e.getMessage(), t.tokenId());
        }
    }

    private ArmedToken judge(UnlockToken t, String commandId, long receivedMonoNanos) throws TokenRefusedException, SQLException {
        if (!deviceId.equals(t.deviceId())) {
            throw new TokenRefusedException(RefusalReason.WRONG_DEVICE, "token for " + t.deviceId());
        }
        Optional<String> seen = ledger.state(t.tokenId());
        if (seen.isPresent()) {
            throw new TokenRefusedException("REVOKED".equals(seen.get()) ? RefusalReason.REVOKED : RefusalReason.REPLAYED,
                    "token " + t.tokenId() + " is " + seen.get());
        }
        long last = ledger.lastCounter();
        if (t.counter() <= last) {
            throw new TokenRefusedException(RefusalReason.COUNTER_ROLLBACK, "counter " + t.counter() + " not above " + last);
        }
        long wall = clock.wallMillis();
        if (t.issuedAt() - wall > skewToleranceMs) {
            throw new TokenRefusedException(RefusalReason.CLOCK_SKEW, "issued " + (t.issuedAt() - wall) + " ms in the future");
        }
        if (wall - t.notAfter() > skewToleranceMs) {
            throw new TokenRefusedException(RefusalReason.EXPIRED, "not-after passed " + (wall - t.notAfter()) + " ms ago");
        }
        long expires = receivedMonoNanos + t.ttlMillis() * 1_000_000L;
        if (clock.monoNanos() - expires >= 0) {
            throw new TokenRefusedException(RefusalReason.EXPIRED, "TTL of " + t.ttlMillis() + " ms ran out before it was checked");
        }
        long free = space.freeBytes();
        if (free < minFreeBytes) {
            throw new TokenRefusedException(RefusalReason.STORE_FULL, free + " bytes free, floor " + minFreeBytes);
        }
        ledger.accept(t.tokenId(), t.counter(), wall);
        return new ArmedToken(t, commandId, receivedMonoNanos, expires);
    }
}
