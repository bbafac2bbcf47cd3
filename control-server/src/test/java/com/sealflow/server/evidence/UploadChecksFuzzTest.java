package com.sealflow.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;

/**
 * Jazzer on what a device uploads: whatever bytes arrive as a photo, the impression check answers with a result
 * (undecodable: flagged, never an exception, never an image the size a header claims); whatever an {@code evt}
 * envelope holds (a genuine signed press with fields replaced, retyped or left out), the intake's parser refuses it
 * (null) or yields an event that only the genuine, unchanged signed event passes the device's own check with;
 * never an exception. The build runs the seed inputs in src/test/resources; real fuzzing:
 * {@code JAZZER_FUZZ=1 ./mvnw -B -pl control-server test -Dskip.web=true -Djazzer.hooks=true -Dtest=UploadChecksFuzzTest}.
 */
class UploadChecksFuzzTest {

    private static final String[] FIELDS = {"eventId", "deviceId", "seq", "type", "at", "monotonicMs", "body", "prevHash",
        "hash", "signature", "photoSha256"};
    private static final String DEVICE = "SD-01";
    private static final KeyPair DEVICE_KEYS = keys();
    private static final PublicKey OTHER_KEY = keys().getPublic();
    private static final JsonObject GENUINE = new FakeAgent(DEVICE, DEVICE_KEYS, 1_790_000_000_000L)
        .next("PRESS", FakeAgent.press("tok-1", "req-1", 1001), "ab".repeat(32));

    @FuzzTest(maxDuration = "60s")
    void aPhotoOfAnyBytesIsCheckedNeverThrown(byte[] photo) {
        ImpressionCheck.Result r = ImpressionCheck.check(photo);
        assertThat(r).isNotNull();
        assertThat(r.redFraction()).isBetween(0.0, 1.0);
        assertThat(r.lumaStdDev()).isGreaterThanOrEqualTo(0.0);
        if (!r.decoded()) {
            assertThat(r.flags()).contains(AnomalyKind.NO_SEAL_IMPRESSION);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anEnvelopeOfAnyShapeIsRefusedOrCheckedNeverThrown(FuzzedDataProvider data) {
        // a genuine signed PRESS of the device, each field kept, replaced, given another type or left out
        JsonObject envelope = new JsonObject();
        boolean untouched = true;
        for (String field : FIELDS) {
            Object genuine = GENUINE.getValue(field);
            int how = data.consumeInt(0, 3);
            Object value = how == 0 ? genuine : how == 1 ? value(data, 0) : how == 2 ? data.consumeString(80) : null;
            untouched &= how == 0 || java.util.Objects.equals(value, genuine);
            if (value != null) {
                envelope.put(field, value);
            }
        }
        ParsedEvent parsed = ParsedEvent.parse(envelope);
        if (untouched) {
            assertThat(parsed).isNotNull();
            assertThat(parsed.ownProblem(DEVICE, DEVICE_KEYS.getPublic())).isNull();
        }
        if (parsed != null) {
            assertThat(parsed.event().seq()).isPositive();
            assertThat(parsed.photoSha256() == null || parsed.photoSha256().matches("[0-9a-f]{64}")).isTrue();
            // with another device's key, or claimed for another device, it is never sound
            assertThat(parsed.ownProblem(parsed.event().deviceId(), OTHER_KEY)).isNotNull();
            assertThat(parsed.ownProblem(parsed.event().deviceId() + "x", DEVICE_KEYS.getPublic())).isNotNull();
            // whatever the fuzzer changed in the signed part, the device's own key does not vouch for it
            if (!untouched && !sameSignedPart(parsed)) {
                assertThat(parsed.ownProblem(parsed.event().deviceId(), DEVICE_KEYS.getPublic())).isNotNull();
            }
        }
    }

    private static boolean sameSignedPart(ParsedEvent p) {
        ParsedEvent g = ParsedEvent.parse(GENUINE);
        return p.event().equals(g.event()) && p.signed().hash().equals(g.signed().hash())
            && p.signed().signature().equals(g.signed().signature());
    }

    /** A JSON value of a type the fuzzer picks (null: the field is left out). */
    private static Object value(FuzzedDataProvider data, int depth) {
        switch (data.consumeInt(0, depth < 2 ? 6 : 4)) {
            case 0:
                return null;
            case 1:
                return data.consumeString(80);
            case 2:
                return data.consumeLong();
            case 3:
                return data.consumeBoolean();
            case 4:
                return data.consumeRegularDouble();
            case 5: {
                JsonObject o = new JsonObject();
                int n = data.consumeInt(0, 4);
                for (int i = 0; i < n; i++) {
                    o.put(data.consumeString(12), value(data, depth + 1));
                }
                return o;
            }
            default: {
                JsonArray a = new JsonArray();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    a.add(value(data, depth + 1));
                }
                return a;
            }
        }
    }

    private static KeyPair keys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
