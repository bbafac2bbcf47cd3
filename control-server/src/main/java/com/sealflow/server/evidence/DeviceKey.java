package com.sealflow.server.evidence;

import com.sealflow.protocol.token.FastEd25519;
import java.security.PublicKey;

/**
 * A device's enrolled Ed25519 key as the intake keeps it between events: the JDK's key and its verifier, converted once
 * ({@link FastEd25519#verifier}), so that checking an event's signature costs the verification alone, however many
 * devices there are (the shared converted-key cache is bounded).
 */
record DeviceKey(PublicKey key, FastEd25519.Verifier verifier) {

    static DeviceKey of(PublicKey key) {
        return new DeviceKey(key, FastEd25519.INSTANCE.verifier(key));
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    boolean verify(byte[] message, byte[] signature) {
        return verifier.verify(message, signature);
    }
}
