package com.sealflow.server.device;

import com.sealflow.protocol.token.UnlockTokenCodec;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 with Bouncy Castle's RFC 8032 code: the same signatures as the JDK's (Ed25519 is deterministic) at about a
 * tenth of the CPU, which matters because every final approval signs a token inside its transaction. Keys the JDK
 * made are converted once and cached; anything unexpected falls back to the JDK.
 */
public final class FastEd25519 implements UnlockTokenCodec.Ed25519 {

    public static final FastEd25519 INSTANCE = new FastEd25519();

    /** An X.509 SubjectPublicKeyInfo of an Ed25519 key: 12 bytes of header, then the 32-byte key. */
    private static final int X509_LENGTH = 44;
    private static final byte[] X509_HEADER = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final Map<PrivateKey, Ed25519PrivateKeyParameters> privateKeys = new ConcurrentHashMap<>();
    private final Map<PublicKey, Ed25519PublicKeyParameters> publicKeys = new ConcurrentHashMap<>();

    private FastEd25519() {
    }

    @Override
    public byte[] sign(PrivateKey key, byte[] input) {
        Ed25519PrivateKeyParameters bc = privateKeys.computeIfAbsent(key, FastEd25519::toBc);
        if (bc == null) {
            return UnlockTokenCodec.JDK.sign(key, input);
        }
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        bc.sign(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
        return signature;
    }

    @Override
    public boolean verify(PublicKey key, byte[] input, byte[] signature) {
        Ed25519PublicKeyParameters bc = publicKeys.computeIfAbsent(key, FastEd25519::toBc);
        if (bc == null) {
            return UnlockTokenCodec.JDK.verify(key, input, signature);
        }
        return signature.length == Ed25519.SIGNATURE_SIZE && bc.verify(Ed25519.Algorithm.Ed25519, null, input, 0, input.length,
            signature, 0);
    }

    private static Ed25519PrivateKeyParameters toBc(PrivateKey key) {
        if (key instanceof EdECPrivateKey ed && "Ed25519".equals(ed.getParams().getName())) {
            return ed.getBytes().filter(b -> b.length == Ed25519.SECRET_KEY_SIZE).map(Ed25519PrivateKeyParameters::new).orElse(null);
        }
        return null;
    }

    private static Ed25519PublicKeyParameters toBc(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (!"X.509".equals(key.getFormat()) || encoded == null || encoded.length != X509_LENGTH
                || !java.util.Arrays.equals(encoded, 0, X509_HEADER.length, X509_HEADER, 0, X509_HEADER.length)) {
            return null;
        }
        try {
            return new Ed25519PublicKeyParameters(encoded, X509_LENGTH - Ed25519.PUBLIC_KEY_SIZE);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
