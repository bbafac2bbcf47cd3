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
            MessageDigest inner = MessageDigest.getInstance("SHA-256");
            MessageDigest outer = MessageDigest.getInstance("SHA-256");
            byte[] key = password.length > BLOCK ? inner.digest(password) : password;
            byte[] pad = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x36);
            }
            inner.update(pad);
            for (int i = 0; i < BLOCK; i++) {
                pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ 0x5c);
            }
            outer.update(pad);
            Arrays.fill(pad, (byte) 0);

            byte[] u = new byte[LENGTH];
            MessageDigest step = (MessageDigest) inner.clone();
            step.update(salt);
            step.update(new byte[] {0, 0, 0, 1});
            step.digest(u, 0, LENGTH);
            hmacOuter(outer, u);
            byte[] result = u.clone();
            for (int n = 1; n < iterations; n++) {
                step = (MessageDigest) inner.clone();
                step.update(u);
                step.digest(u, 0, LENGTH);
                hmacOuter(outer, u);
                for (int i = 0; i < LENGTH; i++) {
                    result[i] ^= u[i];
                }
            }
            return result;
        } catch (NoSuchAlgorithmException | CloneNotSupportedException | DigestException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** {@code u} becomes the outer hash of the inner digest it holds. */
    private static void hmacOuter(MessageDigest outer, byte[] u) throws CloneNotSupportedException, DigestException {
        MessageDigest step = (MessageDigest) outer.clone();
        step.update(u);
        step.digest(u, 0, LENGTH);
    }
}
