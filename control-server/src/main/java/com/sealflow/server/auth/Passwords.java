package com.sealflow.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * PBKDF2-HMAC-SHA256 over the password's UTF-8 bytes ({@link Pbkdf2Sha256}: the JDK's result at less CPU), stored
 * as {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64), so the cost can rise later without invalidating stored
 * hashes. Production cost is OWASP's 600,000 iterations.
 * Blocking and slow by design: call on a worker thread.
 */
public final class Passwords {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;

    private final int iterations;
    /** A hash to verify against when the user does not exist, so timing does not reveal usernames (made lazily: start-up stays fast). */
    private volatile String dummy;

    public Passwords(int iterations) {
        if (iterations < 1000) {
            throw new IllegalArgumentException("PBKDF2 iterations must be at least 1000");
        }
        this.iterations = iterations;
    }

    private String dummy() {
        String d = dummy;
        if (d == null) {
            d = hash("not-a-real-password");
            dummy = d;
        }
        return d;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] h = derive(password, salt, iterations);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(h);
    }

    /** Constant-time comparison; a null or malformed stored hash never matches (but costs the same). */
    public boolean verify(String password, String stored) {
        String[] parts = (stored == null ? dummy() : stored).split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            verify(password, dummy());
            return false;
        }
        try {
            int iter = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            boolean same = MessageDigest.isEqual(derive(password, salt, iter), expected);
            return same && stored != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a stored hash is below today's cost and should be re-hashed at the next successful login. */
    public boolean needsRehash(String stored) {
        String[] parts = stored.split("\\$");
        return parts.length != 4 || !PREFIX.equals(parts[0]) || Integer.parseInt(parts[1]) < iterations;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        try {
            return Pbkdf2Sha256.derive(bytes, salt, iterations);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
