package com.sealflow.protocol.token;

/** Why {@link UnlockTokenCodec#parseAndVerify} did not return a token. */
public enum TokenRefusal {
    /** Not base64url, not the CBOR envelope, or a payload that does not match the schema. */
    BAD_FORMAT,
    /** The envelope's version is not one this code reads. */
    UNSUPPORTED_VERSION,
    /** No trusted public key under the envelope's key id. */
    UNKNOWN_KEY,
    /** The Ed25519 signature does not verify: forged or altered. */
    BAD_SIGNATURE
}
