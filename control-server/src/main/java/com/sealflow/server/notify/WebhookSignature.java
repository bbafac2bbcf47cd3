package com.sealflow.server.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code SealFlow-Signature} header: {@code v1=} and the hex HMAC-SHA256, keyed with the endpoint's secret, of
 * {@code <SealFlow-Timestamp>.<raw body>}. Signing the timestamp with the body lets a receiver refuse replays of an
 * old, validly signed request (check the timestamp is recent).
 */
public final class WebhookSignature {

    public static final String HEADER = "SealFlow-Signature";
    public static final String TIMESTAMP = "SealFlow-Timestamp";
    public static final String DELIVERY_ID = "SealFlow-Delivery-Id";
    public static final String EVENT = "SealFlow-Event";

    private WebhookSignature() {
    }

    /** The header value for a body sent at {@code timestampSeconds} (epoch seconds). */
    public static String sign(String secret, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader) {
        if (secret == null || timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, ts, body).getBytes(StandardCharsets.UTF_8),
            signatureHeader.trim().getBytes(StandardCharsets.UTF_8));
    }
}
