package com.sealflow.protocol.evidence;

import com.sealflow.protocol.cbor.Cbor;
import com.sealflow.protocol.cbor.CborValue;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Canonical bytes, hash and signature of device events (TOKENS.md, "Evidence"). The canonical
 * form is the deterministic CBOR map {@code {v: 1, eventId, deviceId, seq, type, at, monotonicMs,
 * body: {...}, prevHash}}; server and agent rebuild it from the fields, never from JSON text.
 */
public final class EvidenceCodec {

    public static final int VERSION = 1;

    private EvidenceCodec() {
    }

    public static byte[] canonical(DeviceEvent event) {
        Map<String, CborValue> fields = new LinkedHashMap<>();
        fields.put("v", CborValue.of(VERSION));
        fields.put("eventId", CborValue.of(event.eventId()));
        fields.put("deviceId", CborValue.of(event.deviceId()));
        fields.put("seq", CborValue.of(event.seq()));
        fields.put("type", CborValue.of(event.type()));
        fields.put("at", CborValue.of(event.at()));
        fields.put("monotonicMs", CborValue.of(event.monotonicMs()));
        Map<String, CborValue> body = new LinkedHashMap<>();
        event.body().forEach((key, value) -> body.put(key, scalar(value)));
        fields.put("body", new CborValue.TextMap(body));
        fields.put("prevHash", CborValue.of(event.prevHash()));
        return Cbor.encode(new CborValue.TextMap(fields));
    }

    private static CborValue scalar(Object value) {
        if (value == null) {
            return CborValue.Null.INSTANCE;
        }
        if (value instanceof Long number) {
            return CborValue.of(number);
        }
        if (value instanceof Boolean flag) {
            return new CborValue.Bool(flag);
        }
        return CborValue.of((String) value);
    }

    /** Lower-case hex SHA-256 of the canonical bytes. */
    public static String hash(DeviceEvent event) {
        return sha256Hex(canonical(event));
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    public static SignedDeviceEvent sign(DeviceEvent event, PrivateKey deviceKey) {
        byte[] canonical = canonical(event);
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(deviceKey);
            signer.update(canonical);
            return new SignedDeviceEvent(event, sha256Hex(canonical),
                    Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign()));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 private key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }

    /** Whether the signature verifies under the device key; false for any malformed signature. */
    public static boolean signatureValid(SignedDeviceEvent signed, PublicKey deviceKey) {
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(signed.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (signature.length != 64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(deviceKey);
            verifier.update(canonical(signed.event()));
            return verifier.verify(signature);
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }
}
