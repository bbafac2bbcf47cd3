package com.sealflow.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.protocol.cbor.Cbor;
import com.sealflow.protocol.cbor.CborException;
import com.sealflow.protocol.cbor.CborValue;
import com.sealflow.protocol.vectors.TestKeys;
import com.sealflow.protocol.vectors.VectorFixtures;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnlockTokenCodecTest {

    private static final String KID = TestKeys.SERVER_KID;
    private static final Map<String, PublicKey> TRUSTED = Map.of(KID, TestKeys.SERVER_PUBLIC);
    private final UnlockToken token = VectorFixtures.token();

    @Test
    void signedTokenVerifiesAndRoundTrips() {
        UnlockToken cabinet = new UnlockToken("t-2", "CAB-9", null, 4, "REQ-9", "u-1", 1, 1000, 2000, Long.MAX_VALUE);
        for (UnlockToken t : List.of(token, cabinet)) {
            VerifiedToken result = UnlockTokenCodec.parseAndVerify(UnlockTokenCodec.sign(t, TestKeys.SERVER_PRIVATE, KID), TRUSTED);
            assertThat(result.verified()).isTrue();
            assertThat(result.token()).isEqualTo(t);
            assertThat(result.keyId()).isEqualTo(KID);
        }
    }

    @Test
    void keyRotationAcceptsAnyTrustedKid() throws Exception {
        var next = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String encoded = UnlockTokenCodec.sign(token, next.getPrivate(), "next");
        assertThat(UnlockTokenCodec.parseAndVerify(encoded, Map.of(KID, TestKeys.SERVER_PUBLIC, "next", next.getPublic())).token())
                .isEqualTo(token);
    }

    @Test
    void garbageIsBadFormat() {
        String notCbor = b64(new byte[] {(byte) 0xFF, 1, 2});
        String mapInsteadOfArray = b64(Cbor.encode(new CborValue.TextMap(Map.of("a", CborValue.of(1)))));
        String emptyArray = b64(Cbor.encode(new CborValue.Array(List.of())));
        String threeParts = b64(Cbor.encode(new CborValue.Array(List.of(CborValue.of(1), CborValue.of(KID), CborValue.of(new byte[1])))));
        String kidNotText = b64(Cbor.encode(new CborValue.Array(List.of(CborValue.of(1), CborValue.of(7), CborValue.of(new byte[1]),
                CborValue.of(new byte[64])))));
        String valid = UnlockTokenCodec.sign(token, TestKeys.SERVER_PRIVATE, KID);
        for (String input : new String[] {null, "", "%%%not-base64", notCbor, mapInsteadOfArray, emptyArray, threeParts, kidNotText,
            valid + "=", valid.substring(0, valid.length() - 5), "A".repeat(UnlockTokenCodec.MAX_ENCODED_LENGTH + 1)}) {
            assertThat(UnlockTokenCodec.parseAndVerify(input, TRUSTED).refusal()).as("%s", input).isEqualTo(TokenRefusal.BAD_FORMAT);
        }
    }

    @Test
    void otherVersionIsUnsupported() {
        String v2 = b64(Cbor.encode(new CborValue.Array(List.of(CborValue.of(2), CborValue.of(KID), CborValue.of(new byte[3])))));
        assertThat(UnlockTokenCodec.parseAndVerify(v2, TRUSTED).refusal()).isEqualTo(TokenRefusal.UNSUPPORTED_VERSION);
    }

    @Test
    void unknownKidIsRefused() {
        String encoded = UnlockTokenCodec.sign(token, TestKeys.SERVER_PRIVATE, "retired-2024");
        assertThat(UnlockTokenCodec.parseAndVerify(encoded, TRUSTED).refusal()).isEqualTo(TokenRefusal.UNKNOWN_KEY);
    }

    @Test
    void signatureByAnotherKeyIsRefused() throws Exception {
        PrivateKey attacker = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        String forged = UnlockTokenCodec.sign(token, attacker, KID);
        assertThat(UnlockTokenCodec.parseAndVerify(forged, TRUSTED).refusal()).isEqualTo(TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void alteredPayloadIsRefused() {
        UnlockToken more = new UnlockToken(token.tokenId(), token.deviceId(), token.sealId(), token.slot(), token.requestId(),
                token.custodianId(), 99, token.issuedAt(), token.notAfter(), token.counter());
        List<CborValue> parts = envelope(UnlockTokenCodec.sign(token, TestKeys.SERVER_PRIVATE, KID));
        String tampered = b64(Cbor.encode(new CborValue.Array(List.of(parts.get(0), parts.get(1),
                CborValue.of(UnlockTokenCodec.payload(more)), parts.get(3)))));
        assertThat(UnlockTokenCodec.parseAndVerify(tampered, TRUSTED).refusal()).isEqualTo(TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void truncatedSignatureIsRefused() {
        List<CborValue> parts = envelope(UnlockTokenCodec.sign(token, TestKeys.SERVER_PRIVATE, KID));
        String shortSig = b64(Cbor.encode(new CborValue.Array(List.of(parts.get(0), parts.get(1), parts.get(2),
                CborValue.of(new byte[63])))));
        assertThat(UnlockTokenCodec.parseAndVerify(shortSig, TRUSTED).refusal()).isEqualTo(TokenRefusal.BAD_SIGNATURE);
    }

    @Test
    void signedPayloadThatBreaksTheSchemaIsStillRefused() throws Exception {
        byte[] payload = Cbor.encode(new CborValue.TextMap(Map.of("tokenId", CborValue.of("x"), "surprise", CborValue.of(1))));
        assertThat(UnlockTokenCodec.parseAndVerify(signRaw(payload), TRUSTED).refusal()).isEqualTo(TokenRefusal.BAD_FORMAT);
    }

    @Test
    void signedPayloadWithOutOfRangeSlotIsRefused() throws Exception {
        CborValue.TextMap map = (CborValue.TextMap) Cbor.decode(UnlockTokenCodec.payload(token));
        var fields = new HashMap<>(map.entries());
        fields.put("slot", CborValue.of(-4_294_967_295L));
        byte[] payload = Cbor.encode(new CborValue.TextMap(fields));
        assertThat(UnlockTokenCodec.parseAndVerify(signRaw(payload), TRUSTED).refusal()).isEqualTo(TokenRefusal.BAD_FORMAT);
    }

    private static String signRaw(byte[] payload) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(TestKeys.SERVER_PRIVATE);
        signer.update(UnlockTokenCodec.signatureInput(1, KID, payload));
        return b64(Cbor.encode(new CborValue.Array(List.of(CborValue.of(1), CborValue.of(KID), CborValue.of(payload),
                CborValue.of(signer.sign())))));
    }

    private static List<CborValue> envelope(String encoded) {
        try {
            return ((CborValue.Array) Cbor.decode(Base64.getUrlDecoder().decode(encoded))).items();
        } catch (CborException e) {
            throw new AssertionError(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
