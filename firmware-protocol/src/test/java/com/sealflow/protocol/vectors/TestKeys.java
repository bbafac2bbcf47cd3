package com.sealflow.protocol.vectors;

import com.sealflow.protocol.keys.Ed25519Keys;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The TEST-ONLY Ed25519 keys published in {@code vectors/test-keys.txt}. They are public on
 * purpose so that other implementations can reproduce the signatures; nothing may trust them.
 */
public final class TestKeys {

    public static final String SERVER_KID;
    public static final PrivateKey SERVER_PRIVATE;
    public static final PublicKey SERVER_PUBLIC;
    public static final PrivateKey DEVICE_PRIVATE;
    public static final PublicKey DEVICE_PUBLIC;

    static {
        VectorFile keys = VectorFile.load("test-keys.txt");
        SERVER_KID = keys.text("server-token-key.kid");
        SERVER_PRIVATE = Ed25519Keys.privateKeyFromSeed(keys.hex("server-token-key.seed"));
        SERVER_PUBLIC = Ed25519Keys.publicKeyFromRaw(keys.hex("server-token-key.public"));
        DEVICE_PRIVATE = Ed25519Keys.privateKeyFromSeed(keys.hex("device-key.seed"));
        DEVICE_PUBLIC = Ed25519Keys.publicKeyFromRaw(keys.hex("device-key.public"));
    }

    private TestKeys() {
    }
}
