package com.sealflow.server.device;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Encodes and signs unlock tokens. PROVISIONAL format until firmware-protocol's {@code UnlockTokenCodec} is merged
 * (then this class delegates to it and nothing else changes): base64url(JSON claims with kid) "." base64url(Ed25519).
 */
final class TokenSigning {

    private TokenSigning() {
    }

    static String sign(UnlockClaims c, SigningKeys.Key key) {
        JsonObject json = new JsonObject().put("v", 1).put("kid", key.kid()).put("tokenId", c.tokenId())
            .put("deviceId", c.deviceId()).put("sealId", c.sealId()).put("slot", c.slot()).put("requestId", c.requestId())
            .put("custodianId", c.custodianId()).put("presses", c.pressesAllowed()).put("issuedAt", c.issuedAt())
            .put("notAfter", c.notAfter()).put("counter", c.counter());
        byte[] payload = json.encode().getBytes(StandardCharsets.UTF_8);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key.privateKey());
            signer.update(payload);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return b64.encodeToString(payload) + "." + b64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + key.kid(), e);
        }
    }

    /** The claims of a token whose signature verifies under {@code key}; null otherwise. For tests and tools. */
    static JsonObject verify(String token, PublicKey key) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return null;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(payload);
            return verifier.verify(Base64.getUrlDecoder().decode(token.substring(dot + 1)))
                ? new JsonObject(new String(payload, StandardCharsets.UTF_8)) : null;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
