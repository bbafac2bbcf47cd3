package com.sealflow.agent.session;

import com.sealflow.protocol.serial.AuthMethod;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Local custodian check for AUTH: {@code custodian.<id>.pin} / {@code custodian.<id>.badge} hold PBKDF2 hashes
 * ({@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}, made by {@code AgentMain hash-pin}). The id
 * {@code *} matches any custodian: for demo devices only.
 *
 * <p>The slow hash guards the stored credentials. Once a credential has matched its stored hash, this process
 * remembers an HMAC of it under a key that lives only in memory, so the custodian's next AUTH is checked in
 * microseconds instead of tens of milliseconds. A credential that does not match the remembered one still goes
 * through the slow hash: wrong guesses cost as much as before, and answer in the same time as before.
 */
public final class CustodianAuth {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int MAX_REMEMBERED = 1024;
    private final Map<String, String> pins;
    private final Map<String, String> badges;
    private final SecretKeySpec memoryKey;
    private final Map<String, byte[]> remembered = new ConcurrentHashMap<>();
    private final AtomicInteger slowChecks = new AtomicInteger();

    public CustodianAuth(Map<String, String> pins, Map<String, String> badges) {
        this.pins = Map.copyOf(pins);
        this.badges = Map.copyOf(badges);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.memoryKey = new SecretKeySpec(key, "HmacSHA256");
    }

    public boolean matches(String custodianId, AuthMethod method, String credential) {
        Map<String, String> table = method == AuthMethod.BADGE ? badges : pins;
        String stored = table.get(custodianId);
        if (stored == null) {
            stored = table.get("*");
        }
        if (stored == null) {
            return false;
        }
        String secret = method == AuthMethod.BADGE ? credential.toUpperCase(java.util.Locale.ROOT) : credential;
        byte[] known = remembered.get(stored);
        byte[] candidate = known == null ? null : memoryDigest(stored, secret);
        if (candidate != null && MessageDigest.isEqual(known, candidate)) {
            return true;
        }
        slowChecks.incrementAndGet();
        if (!verify(stored, secret)) {
            return false;
        }
        if (remembered.size() < MAX_REMEMBERED) {
            remembered.put(stored, candidate != null ? candidate : memoryDigest(stored, secret));
        }
        return true;
    }

    /** How many checks went through the slow hash (for tests and the cost report). */
    int slowChecks() {
        return slowChecks.get();
    }

    public static String hash(String secret) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        int iterations = 60_000;
        return PREFIX + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(secret, salt, iterations));
    }

    static boolean verify(String stored, String secret) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(secret, salt, Integer.parseInt(parts[1])));
    }

    private byte[] memoryDigest(String stored, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(memoryKey);
            mac.update(stored.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).toCharArray(),
                    salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required of every JDK", e);
        }
    }
}
