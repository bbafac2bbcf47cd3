package com.sealflow.server.auth;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018) for one 32-byte block, with the same result as the JDK's {@code PBKDF2WithHmacSHA256}
 * on UTF-8 password bytes (Pbkdf2Sha256Test compares them). The JDK's HMAC hashes the key's inner and outer pad blocks
 * again on every iteration, four SHA-256 compressions where two are needed: here the digest states after those two
 * blocks are computed once and copied for each iteration, so a hash at production cost takes about 40 % less CPU
 * (docs/benchmarks.md). SHA-256 itself is the JDK's, with its CPU intrinsics.
 */
final class Pbkdf2Sha256 {

    private static final int BLOCK = 64;
    private static final int LENGTH = 32;

    private Pbkdf2Sha256() {
    }

    static byte[] derive(byte[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        try {
            byte[] key = password.length > BLOCK ? MessageDigest.getInstance("SHA-256").digest(password) : password;
            MessageDigest inner = afterPad(key, 0x36);
            MessageDigest outer = afterPad(key, 0x5c);
            byte[] u = new byte[LENGTH];
            byte[] first = Arrays.copyOf(salt, salt.length + 4);
            first[first.length - 1] = 1; // the block's number, INT(1)
            hmac(inner, outer, u, first);
            byte[] result = u.clone();
            for (int n = 1; n < iterations; n++) {
                hmac(inner, outer, u, u);
                for (int i = 0; i < LENGTH; i++) {
                    result[i] ^= u[i];
                }
            }
            return result;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException | DigestException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** A SHA-256 digest that has hashed the key's pad block ({@code 0x36} inner, {@code 0x5c} outer). */
    private static MessageDigest afterPad(byte[] key, int pad) throws NoSuchAlgorithmException {
        byte[] block = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            block[i] = (byte) ((i < key.length ? key[i] : 0) ^ pad);
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(block);
        Arrays.fill(block, (byte) 0);
        return digest;
    }

    /** {@code out} becomes HMAC(key, message), from copies of the two digests after the pads. */
    private static void hmac(MessageDigest inner, MessageDigest outer, byte[] out, byte[] message)
        throws CloneNotSupportedException, DigestException {
        MessageDigest step = (MessageDigest) inner.clone();
        step.update(message);
        step.digest(out, 0, LENGTH);
        step = (MessageDigest) outer.clone();
        step.update(out);
        step.digest(out, 0, LENGTH);
    }
}
