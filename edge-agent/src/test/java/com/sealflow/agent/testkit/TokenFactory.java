package com.sealflow.agent.testkit;

import com.sealflow.agent.identity.Enrolment;
import com.sealflow.protocol.cbor.Cbor;
import com.sealflow.protocol.cbor.CborValue;
import com.sealflow.protocol.token.UnlockToken;
import com.sealflow.protocol.token.UnlockTokenCodec;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
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

    /**
     * A field changed after signing: the envelope of {@code signed} carrying the payload of {@code altered} (e.g. more
     * presses) under {@code signed}'s signature, as an attacker editing the token on the wire would make it.
     */
    public String withAlteredField(UnlockToken signed, UnlockToken altered) throws Exception {
        List<CborValue> original = ((CborValue.Array) Cbor.decode(Base64.getUrlDecoder().decode(sign(signed)))).items();
        List<CborValue> edited = ((CborValue.Array) Cbor.decode(Base64.getUrlDecoder().decode(sign(altered)))).items();
        byte[] envelope = Cbor.encode(new CborValue.Array(List.of(original.get(0), original.get(1), edited.get(2), original.get(3))));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(envelope);
    }

    /** The same token with more presses: what a field-tampering attacker wants. */
    public static UnlockToken morePresses(UnlockToken t) {
        return new UnlockToken(t.tokenId(), t.deviceId(), t.sealId(), t.slot(), t.requestId(), t.custodianId(),
                t.pressesAllowed() + 10, t.issuedAt(), t.notAfter(), t.counter());
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
