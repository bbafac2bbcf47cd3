package com.sealflow.protocol.token;

import com.sealflow.protocol.cbor.Cbor;
import com.sealflow.protocol.cbor.CborException;
import com.sealflow.protocol.cbor.CborMapReader;
import com.sealflow.protocol.cbor.CborValue;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Unlock token wire format, version 1 (TOKENS.md): base64url without padding of the CBOR array
 * {@code [1, kid, payload-bstr, signature-bstr]}. The payload is the deterministic CBOR map of
 * the token fields; the Ed25519 signature covers the deterministic CBOR array
 * {@code ["SealFlow-UnlockToken", 1, kid, payload-bstr]}, so neither version nor key id can be
 * swapped without breaking it.
 */
public final class UnlockTokenCodec {

    public static final int VERSION = 1;
    /** Longer inputs are refused before decoding; real tokens are about 400 characters. */
    public static final int MAX_ENCODED_LENGTH = 4096;
    static final String SIGNATURE_CONTEXT = "SealFlow-UnlockToken";
    private static final int SIGNATURE_LENGTH = 64;

    private static final Set<String> FIELDS = Set.of("tokenId", "deviceId", "sealId", "slot", "requestId", "custodianId",
            "presses", "issuedAt", "notAfter", "counter");

    private UnlockTokenCodec() {
    }

    /**
     * An Ed25519 implementation: the JDK's ({@link #JDK}) or a faster one a caller brings (the same signatures;
     * Ed25519 is deterministic). The codec itself stays free of dependencies.
     */
    public interface Ed25519 {

        /** The 64-byte signature of {@code input}. */
        byte[] sign(PrivateKey key, byte[] input);

        /** Whether {@code signature} (64 bytes) is {@code key}'s over {@code input}; false, never an exception, on a bad one. */
        boolean verify(PublicKey key, byte[] input, byte[] signature);
    }

    /** The JDK's Ed25519 (SunEC). */
    public static final Ed25519 JDK = new Ed25519() {
        @Override
        public byte[] sign(PrivateKey key, byte[] input) {
            try {
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(key);
                signer.update(input);
                return signer.sign();
            } catch (InvalidKeyException e) {
                throw new IllegalArgumentException("not an Ed25519 private key", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
            }
        }

        @Override
        public boolean verify(PublicKey key, byte[] input, byte[] signature) {
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(input);
                return verifier.verify(signature);
            } catch (InvalidKeyException e) {
                throw new IllegalArgumentException("trusted key is not an Ed25519 public key", e);
            } catch (SignatureException e) {
                return false;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
            }
        }
    };

    /** Signs and encodes {@code token} with the server's Ed25519 key {@code privateKey} known to agents as {@code keyId}. */
    public static String sign(UnlockToken token, PrivateKey privateKey, String keyId) {
        return sign(token, privateKey, keyId, JDK);
    }

    /** {@link #sign(UnlockToken, PrivateKey, String)} with the given Ed25519 implementation. */
    public static String sign(UnlockToken token, PrivateKey privateKey, String keyId, Ed25519 ed25519) {
        byte[] payload = payload(token);
        byte[] signature = ed25519.sign(privateKey, signatureInput(VERSION, keyId, payload));
        byte[] envelope = Cbor.encode(new CborValue.Array(List.of(CborValue.of(VERSION), CborValue.of(keyId),
                CborValue.of(payload), CborValue.of(signature))));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(envelope);
    }

    /**
     * Decodes {@code encoded} and checks its signature against the trusted server keys. Never
     * throws on the content of {@code encoded}.
     */
    public static VerifiedToken parseAndVerify(String encoded, Map<String, PublicKey> trustedKeys) {
        return parseAndVerify(encoded, trustedKeys, JDK);
    }

    /** {@link #parseAndVerify(String, Map)} with the given Ed25519 implementation. */
    public static VerifiedToken parseAndVerify(String encoded, Map<String, PublicKey> trustedKeys, Ed25519 ed25519) {
        if (encoded == null || encoded.length() > MAX_ENCODED_LENGTH || encoded.indexOf('=') >= 0) {
            return VerifiedToken.refused(TokenRefusal.BAD_FORMAT, "missing, too long or padded");
        }
        List<CborValue> parts;
        try {
            CborValue envelope = Cbor.decode(Base64.getUrlDecoder().decode(encoded));
            if (!(envelope instanceof CborValue.Array array) || array.items().isEmpty()) {
                return VerifiedToken.refused(TokenRefusal.BAD_FORMAT, "not a CBOR array");
            }
            parts = array.items();
        } catch (IllegalArgumentException | CborException e) {
            return VerifiedToken.refused(TokenRefusal.BAD_FORMAT, e.getMessage());
        }
        if (!(parts.get(0) instanceof CborValue.Int version)) {
            return VerifiedToken.refused(TokenRefusal.BAD_FORMAT, "version is not an integer");
        }
        if (version.value() != VERSION) {
            return VerifiedToken.refused(TokenRefusal.UNSUPPORTED_VERSION, "version " + version.value());
        }
        if (parts.size() != 4 || !(parts.get(1) instanceof CborValue.Text kid)
                || !(parts.get(2) instanceof CborValue.Bytes payload) || !(parts.get(3) instanceof CborValue.Bytes signature)) {
            return VerifiedToken.refused(TokenRefusal.BAD_FORMAT, "envelope is not [version, kid, payload, signature]");
        }
        PublicKey key = trustedKeys.get(kid.value());
        if (key == null) {
            return VerifiedToken.refused(TokenRefusal.UNKNOWN_KEY, "kid " + kid.value());
        }
        if (!signatureValid(ed25519, key, signatureInput(VERSION, kid.value(), payload.value()), signature.value())) {
            return VerifiedToken.refused(TokenRefusal.BAD_SIGNATURE, "kid " + kid.value());
        }
        try {
            return VerifiedToken.ok(parsePayload(payload.value()), kid.value());
        } catch (CborException | IllegalArgumentException e) {
            // Signed by us yet malformed: a server bug, still never a reason to unlock.
            return VerifiedToken.refused(TokenRefusal.BAD_FORMAT, "payload: " + e.getMessage());
        }
    }

    /** The deterministic CBOR payload map; exposed for test vectors. */
    public static byte[] payload(UnlockToken token) {
        Map<String, CborValue> fields = new LinkedHashMap<>();
        fields.put("tokenId", CborValue.of(token.tokenId()));
        fields.put("deviceId", CborValue.of(token.deviceId()));
        fields.put("sealId", CborValue.of(token.sealId()));
        fields.put("slot", token.slot() == null ? CborValue.Null.INSTANCE : CborValue.of(token.slot()));
        fields.put("requestId", CborValue.of(token.requestId()));
        fields.put("custodianId", CborValue.of(token.custodianId()));
        fields.put("presses", CborValue.of(token.pressesAllowed()));
        fields.put("issuedAt", CborValue.of(token.issuedAt()));
        fields.put("notAfter", CborValue.of(token.notAfter()));
        fields.put("counter", CborValue.of(token.counter()));
        return Cbor.encode(new CborValue.TextMap(fields));
    }

    /** The bytes the Ed25519 signature covers; exposed for test vectors. */
    public static byte[] signatureInput(int version, String keyId, byte[] payload) {
        return Cbor.encode(new CborValue.Array(List.of(CborValue.of(SIGNATURE_CONTEXT), CborValue.of(version),
                CborValue.of(keyId), CborValue.of(payload))));
    }

    private static UnlockToken parsePayload(byte[] payload) throws CborException {
        CborMapReader fields = CborMapReader.of(Cbor.decode(payload), FIELDS);
        Long slot = fields.integerOrNull("slot");
        long presses = fields.integer("presses");
        if (presses < 1 || presses > 0xFFFF || (slot != null && (slot < 1 || slot > 255))) {
            throw new CborException("presses or slot out of range");
        }
        return new UnlockToken(fields.text("tokenId"), fields.text("deviceId"), fields.textOrNull("sealId"),
                slot == null ? null : (int) (long) slot, fields.text("requestId"), fields.text("custodianId"), (int) presses,
                fields.integer("issuedAt"), fields.integer("notAfter"), fields.integer("counter"));
    }

    private static boolean signatureValid(Ed25519 ed25519, PublicKey key, byte[] input, byte[] signature) {
        return signature.length == SIGNATURE_LENGTH && ed25519.verify(key, input, signature);
    }
}
