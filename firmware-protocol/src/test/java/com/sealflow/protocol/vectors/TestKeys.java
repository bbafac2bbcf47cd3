package com.sealflow.protocol.vectors;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * The TEST-ONLY Ed25519 keys published in {@code vectors/test-keys.txt}. They are public on
 * purpose so that other implementations can reproduce the signatures; nothing may trust them.
 */
public final class TestKeys {

    /** DER prefixes that wrap a raw 32-byte Ed25519 seed / public key (RFC 8410). */
    private static final String PKCS8_PREFIX = "302e020100300506032b657004220420";
    private static final String X509_PREFIX = "302a300506032b6570032100";

    public static final String SERVER_KID;
    public static final PrivateKey SERVER_PRIVATE;
    public static final PublicKey SERVER_PUBLIC;
    public static final PrivateKey DEVICE_PRIVATE;
    public static final PublicKey DEVICE_PUBLIC;

    static {
        VectorFile keys = VectorFile.load("test-keys.txt");
        SERVER_KID = keys.text("server-token-key.kid");
        SERVER_PRIVATE = privateKey(keys.hex("server-token-key.seed"));
        SERVER_PUBLIC = publicKey(keys.hex("server-token-key.public"));
        DEVICE_PRIVATE = privateKey(keys.hex("device-key.seed"));
        DEVICE_PUBLIC = publicKey(keys.hex("device-key.public"));
    }

    private TestKeys() {
    }

    public static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(
                    new PKCS8EncodedKeySpec(HexFormat.of().parseHex(PKCS8_PREFIX + HexFormat.of().formatHex(seed))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicKey publicKey(byte[] raw) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(
                    new X509EncodedKeySpec(HexFormat.of().parseHex(X509_PREFIX + HexFormat.of().formatHex(raw))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
