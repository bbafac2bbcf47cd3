package com.sealflow.protocol.token;

/**
 * Outcome of parsing and verifying an encoded token: exactly one of {@code token} and
 * {@code refusal} is set.
 *
 * @param token   the authentic token (not yet checked against device state: see {@link TokenChecks})
 * @param keyId   the key id it was signed under, when known
 * @param refusal why it was refused
 * @param detail  a short human-readable explanation for logs, never shown to the custodian
 */
public record VerifiedToken(UnlockToken token, String keyId, TokenRefusal refusal, String detail) {

    static VerifiedToken ok(UnlockToken token, String keyId) {
        return new VerifiedToken(token, keyId, null, null);
    }

    static VerifiedToken refused(TokenRefusal refusal, String detail) {
        return new VerifiedToken(null, null, refusal, detail);
    }

    public boolean verified() {
        return token != null;
    }
}
