package com.sealflow.protocol.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Ed25519 keys as text, the way enrolment and the {@code config} command carry them: public keys
 * as base64 of the X.509 SubjectPublicKeyInfo DER (44 bytes), private keys as base64 of PKCS#8
 * DER (48 bytes). Raw 32-byte forms are what non-Java implementations and the vectors use.
 */
public final class Ed25519Keys {

    /** DER prefixes that wrap a raw 32-byte key (RFC 8410). */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22,
        0x04, 0x20};

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }

    public static String publicKeyToBase64(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String privateKeyToBase64(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** @throws IllegalArgumentException when the text is not a base64 X.509 Ed25519 public key */
    public static PublicKey publicKeyFromBase64(String base64) {
        return publicKey(Base64.getDecoder().decode(base64.strip()));
    }

    /** @throws IllegalArgumentException when the text is not a base64 PKCS#8 Ed25519 private key */
    public static PrivateKey privateKeyFromBase64(String base64) {
        return privateKey(Base64.getDecoder().decode(base64.strip()));
    }

    /** The 32 raw public key bytes of RFC 8032. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key.getEncoded();
        return Arrays.copyOfRange(der, der.length - 32, der.length);
    }

    public static PublicKey publicKeyFromRaw(byte[] raw) {
        return publicKey(concat(X509_PREFIX, raw));
    }

    /** From the 32-byte seed (the RFC 8032 private key). */
    public static PrivateKey privateKeyFromSeed(byte[] seed) {
        return privateKey(concat(PKCS8_PREFIX, seed));
    }

    private static PublicKey publicKey(byte[] der) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }

    private static PrivateKey privateKey(byte[] der) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }

    private static byte[] concat(byte[] prefix, byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("raw Ed25519 keys are 32 bytes, got " + raw.length);
        }
        byte[] der = Arrays.copyOf(prefix, prefix.length + 32);
        System.arraycopy(raw, 0, der, prefix.length, 32);
        return der;
    }
}
