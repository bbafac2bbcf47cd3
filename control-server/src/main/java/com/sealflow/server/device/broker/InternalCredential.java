package com.sealflow.server.device.broker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server's own MQTT login on the embedded broker: a fresh random username suffix and password at every
 * start, never written anywhere, so nothing outside this JVM can act as the server.
 */
public record InternalCredential(String username, String password) {

    /** Prefix no device id can take ({@code $} is not allowed in device ids). */
    public static final String PREFIX = "$sealflow-server-";

    public static InternalCredential random() {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        byte[] suffix = new byte[6];
        random.nextBytes(suffix);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return new InternalCredential(PREFIX + b64.encodeToString(suffix), b64.encodeToString(secret));
    }

    public boolean matches(String user, byte[] pass) {
        return username.equals(user) && pass != null
            && MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8), pass);
    }

    @Override
    public String toString() {
        return "InternalCredential[" + username + "]";
    }
}
