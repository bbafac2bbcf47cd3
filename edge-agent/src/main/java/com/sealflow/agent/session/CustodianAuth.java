package com.sealflow.agent.session;

import com.sealflow.protocol.serial.AuthMethod;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Local custodian check for AUTH: {@code custodian.<id>.pin} / {@code custodian.<id>.badge} hold PBKDF2 hashes
 * ({@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}, made by {@code AgentMain hash-pin}). The id
 * {@code *} matches any custodian: for demo devices only.
 */
public final class CustodianAuth {

    private static final String PREFIX = "pbkdf2-sha256";
    private final Map<String, String> pins;
    private final Map<String, String> badges;

    public CustodianAuth(Map<String, String> pins, Map<String, String> badges) {
        this.pins = Map.copyOf(pins);
        this.badges = Map.copyOf(badges);
    }

    public boolean matches(String custodianId, AuthMethod method, String credential) {
        Map<String, String> table = method == AuthMethod.BADGE ? badges : pins;
        String stored = table.get(custodianId);
        if (stored == null) {
            stored = table.get("*");
        }
        return stored != null && verify(stored, method == AuthMethod.BADGE ? credential.toUpperCase(java.util.Locale.ROOT) : credential);
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
