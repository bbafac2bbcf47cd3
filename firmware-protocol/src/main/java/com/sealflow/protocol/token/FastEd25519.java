package com.sealflow.protocol.token;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 with Bouncy Castle's RFC 8032 code: the same signatures and answers as the JDK's (Ed25519 is deterministic)
 * at about a tenth of the CPU. The server signs a token inside every final approval's transaction; the agent checks
 * one before every unlock, on a small board. Keys are converted once and cached (a bounded number: key sets are small);
 * a key in an unexpected form falls back to the JDK.
 */
public final class FastEd25519 implements UnlockTokenCodec.Ed25519 {

    /** The one instance; pass it to {@link UnlockTokenCodec#sign(UnlockToken, PrivateKey, String, UnlockTokenCodec.Ed25519)}
     *  and {@link UnlockTokenCodec#parseAndVerify(String, Map, UnlockTokenCodec.Ed25519)}. */
    public static final FastEd25519 INSTANCE = new FastEd25519();

    /** An X.509 SubjectPublicKeyInfo of an Ed25519 key: 12 bytes of header, then the 32-byte key. */
    private static final int X509_LENGTH = 44;
    private static final byte[] X509_HEADER = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    /** Keys in use are few (a key set); a runaway set never grows a cache past this. */
    private static final int MAX_CACHED = 64;

    private final Map<PrivateKey, Ed25519PrivateKeyParameters> privateKeys = new ConcurrentHashMap<>();
    private final Map<PublicKey, Ed25519PublicKeyParameters> publicKeys = new ConcurrentHashMap<>();

    private FastEd25519() {
    }

    @Override
    public byte[] sign(PrivateKey key, byte[] input) {
        Ed25519PrivateKeyParameters bc = cached(privateKeys, key, FastEd25519::toBc);
        if (bc == null) {
            return UnlockTokenCodec.JDK.sign(key, input);
        }
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        bc.sign(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
        return signature;
    }

    @Override
    public boolean verify(PublicKey key, byte[] input, byte[] signature) {
        return verify(key, cached(publicKeys, key, FastEd25519::toBc), input, signature);
    }

    /** A public key's check with the key converted once, for a caller that keeps keys of its own (one per device, say). */
    public interface Verifier {
        boolean verify(byte[] input, byte[] signature);
    }

    /** {@code key} converted now and kept by the returned verifier (not in this class's bounded cache). */
    public Verifier verifier(PublicKey key) {
        Ed25519PublicKeyParameters bc = toBc(key);
        return (input, signature) -> verify(key, bc, input, signature);
    }

    private static boolean verify(PublicKey key, Ed25519PublicKeyParameters bc, byte[] input, byte[] signature) {
        if (bc == null) {
            return UnlockTokenCodec.JDK.verify(key, input, signature);
        }
        return signature.length == Ed25519.SIGNATURE_SIZE && bc.verify(Ed25519.Algorithm.Ed25519, null, input, 0, input.length,
            signature, 0);
    }

    private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> convert) {
        V value = cache.get(key);
        if (value == null) {
            value = convert.apply(key);
            if (value != null && cache.size() < MAX_CACHED) {
                cache.put(key, value);
            }
        }
        return value;
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
                || !Arrays.equals(encoded, 0, X509_HEADER.length, X509_HEADER, 0, X509_HEADER.length)) {
            return null;
        }
        try {
            return new Ed25519PublicKeyParameters(encoded, X509_LENGTH - Ed25519.PUBLIC_KEY_SIZE);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
