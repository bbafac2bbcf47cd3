package com.sealflow.server.device;

import com.sealflow.protocol.token.FastEd25519;
import com.sealflow.protocol.token.UnlockToken;
import com.sealflow.protocol.token.UnlockTokenCodec;
import com.sealflow.protocol.token.VerifiedToken;
import java.security.PublicKey;
import java.util.Map;

/** Unlock tokens in firmware-protocol's format ({@link UnlockTokenCodec}, TOKENS.md), signed with a server key. */
final class TokenSigning {

    private TokenSigning() {
    }

    static String sign(UnlockClaims c, SigningKeys.Key key) {
        UnlockToken token = new UnlockToken(c.tokenId(), c.deviceId(), c.sealId(), c.slot(), c.requestId(), c.custodianId(),
            c.pressesAllowed(), c.issuedAt(), c.notAfter(), c.counter());
        return UnlockTokenCodec.sign(token, key.privateKey(), key.kid(), FastEd25519.INSTANCE);
    }

    /** The token when its signature verifies under {@code key} as {@code kid}; null otherwise. For tests and tools. */
    static UnlockToken verify(String encoded, String kid, PublicKey key) {
        VerifiedToken verified = UnlockTokenCodec.parseAndVerify(encoded, Map.of(kid, key));
        return verified.verified() ? verified.token() : null;
    }
}
