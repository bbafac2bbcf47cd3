package com.sealflow.server.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets for devices (MQTT password, HTTP bearer token, enrolment code) and their stored form. These
 * are 128-256-bit random values, not human passwords, so a single SHA-256 is enough to make a stolen database
 * useless for logging in; slow password hashing would only cost the broker time on every connect.
 */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Crockford-style alphabet without look-alikes, for codes a person may type. */
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789".toCharArray();

    private Secrets() {
    }

    static String token(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** A 16-character code (about 78 bits), grouped for reading: XXXX-XXXX-XXXX-XXXX. */
    static String enrolmentCode() {
        StringBuilder out = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return out.toString();
    }

    /** Codes are compared without dashes, spaces or case, as a person might type them. */
    static String normaliseCode(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    }

    static String hash(String secret) {
        return sha256Hex(secret.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean matches(String storedHash, byte[] secret) {
        if (storedHash == null || secret == null) {
            return false;
        }
        return MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
            sha256Hex(secret).getBytes(StandardCharsets.US_ASCII));
    }
}
