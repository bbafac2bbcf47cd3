package com.sealflow.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sealflow.protocol.cbor.Cbor;
import com.sealflow.protocol.cbor.CborException;
import com.sealflow.protocol.vectors.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Map;

/** Token parsing and CBOR decoding refuse bad input with a reason, never with an exception. */
class TokenParserFuzzTest {

    private static final Map<String, PublicKey> TRUSTED = Map.of(TestKeys.SERVER_KID, TestKeys.SERVER_PUBLIC);

    @FuzzTest(maxDuration = "60s")
    void parseNeverThrows(FuzzedDataProvider data) {
        boolean asText = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        // Raw text exercises the base64 layer; bytes wrapped in base64url reach the CBOR decoder.
        String encoded = asText ? new String(bytes, StandardCharsets.ISO_8859_1)
                : Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        VerifiedToken result = UnlockTokenCodec.parseAndVerify(encoded, TRUSTED);
        assertThat(result.verified() ^ result.refusal() != null).isTrue();
        try {
            Cbor.decode(bytes);
        } catch (CborException expected) {
            // refusing is the correct outcome for most inputs
        }
    }
}
