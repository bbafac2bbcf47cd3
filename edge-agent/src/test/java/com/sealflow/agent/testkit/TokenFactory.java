package com.sealflow.agent.testkit;

import com.sealflow.agent.identity.Enrolment;
import com.sealflow.protocol.token.UnlockToken;
import com.sealflow.protocol.token.UnlockTokenCodec;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Issues tokens the way the control server does: Ed25519 key "k1", per-device counter. */
public final class TokenFactory {

    public static final String KID = "k1";
    private final KeyPair key;
    private final AtomicLong counter = new AtomicLong(10);

    public TokenFactory() throws Exception {
        key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    public Enrolment.TokenKey tokenKey() {
        return new Enrolment.TokenKey(KID, Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
    }

    public UnlockToken token(String deviceId, String custodianId, int presses, long issuedAt, long ttlMs) {
        return new UnlockToken(UUID.randomUUID().toString(), deviceId, "seal-1", null, "req-" + counter.get(), custodianId,
                presses, issuedAt, issuedAt + ttlMs, counter.incrementAndGet());
    }

    public UnlockToken withCounter(UnlockToken t, long c) {
        return new UnlockToken(UUID.randomUUID().toString(), t.deviceId(), t.sealId(), t.slot(), t.requestId(), t.custodianId(),
                t.pressesAllowed(), t.issuedAt(), t.notAfter(), c);
    }

    public String sign(UnlockToken t) {
        return UnlockTokenCodec.sign(t, key.getPrivate(), KID);
    }

    public String signWith(UnlockToken t, KeyPair other, String kid) {
        return UnlockTokenCodec.sign(t, other.getPrivate(), kid);
    }

    /** Changes one character inside the signature: same length, still base64url, different bits. */
    public static String tamper(String wire) {
        int i = wire.length() - 20;
        char c = wire.charAt(i);
        return wire.substring(0, i) + (c == 'A' ? 'B' : 'A') + wire.substring(i + 1);
    }

    public long lastCounter() {
        return counter.get();
    }
}
