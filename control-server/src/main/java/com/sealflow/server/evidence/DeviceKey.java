package com.sealflow.server.evidence;

import com.sealflow.protocol.token.FastEd25519;
import java.security.PublicKey;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A device's enrolled Ed25519 key as the intake keeps it between events: the JDK's key and, decoded once, Bouncy
 * Castle's form of it (the point decompressed and checked when it is made), so that checking an event's signature costs
 * the verification alone, however many devices there are. {@code bc} is null for a key in an unexpected form, which is
 * verified through {@link FastEd25519} instead.
 */
record DeviceKey(PublicKey key, Ed25519PublicKeyParameters bc) {

    /** An X.509 SubjectPublicKeyInfo of an Ed25519 key: 12 bytes of header, then the 32-byte key. */
    private static final byte[] X509_HEADER = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    static DeviceKey of(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (!"X.509".equals(key.getFormat()) || encoded == null || encoded.length != X509_HEADER.length + Ed25519.PUBLIC_KEY_SIZE
                || !Arrays.equals(encoded, 0, X509_HEADER.length, X509_HEADER, 0, X509_HEADER.length)) {
            return new DeviceKey(key, null);
        }
        try {
            return new DeviceKey(key, new Ed25519PublicKeyParameters(encoded, X509_HEADER.length));
        } catch (IllegalArgumentException e) {
            return new DeviceKey(key, null);
        }
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    boolean verify(byte[] message, byte[] signature) {
        if (bc == null) {
            return FastEd25519.INSTANCE.verify(key, message, signature);
        }
        return signature.length == Ed25519.SIGNATURE_SIZE && bc.verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length,
            signature, 0);
    }
}
