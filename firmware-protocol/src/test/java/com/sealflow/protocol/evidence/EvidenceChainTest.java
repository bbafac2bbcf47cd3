package com.sealflow.protocol.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sealflow.protocol.vectors.TestKeys;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceChainTest {

    private static final String DEVICE = "SF-DEV-0001";

    /** A chain of {@code count} presses signed by the test device key. */
    static List<SignedDeviceEvent> chain(int count, PrivateKey key) {
        List<SignedDeviceEvent> events = new ArrayList<>();
        String prev = DeviceEvent.GENESIS;
        for (int i = 1; i <= count; i++) {
            PressEvidence press = new PressEvidence("tok-1", "REQ-1", 7, 1000 + i, "ab".repeat(32));
            SignedDeviceEvent signed = EvidenceCodec.sign(new DeviceEvent("evt-" + i, DEVICE, i, DeviceEventType.PRESS.name(),
                    1_764_100_000_000L + i * 1000L, 50_000 + i * 1000L, press.toBody(), prev), key);
            events.add(signed);
            prev = signed.hash();
        }
        return events;
    }

    private static ChainVerification verify(List<SignedDeviceEvent> events) {
        return EvidenceChain.verify(events, DEVICE, TestKeys.DEVICE_PUBLIC);
    }

    @Test
    void intactChainVerifies() {
        ChainVerification result = verify(chain(5, TestKeys.DEVICE_PRIVATE));
        assertThat(result.ok()).isTrue();
        assertThat(result.checked()).isEqualTo(5);
    }

    @Test
    void editedFieldIsAHashMismatch() {
        List<SignedDeviceEvent> events = chain(5, TestKeys.DEVICE_PRIVATE);
        SignedDeviceEvent original = events.get(2);
        Map<String, Object> body = new HashMap<>(original.event().body());
        body.put("pressCounter", 9999L);
        DeviceEvent edited = new DeviceEvent(original.event().eventId(), DEVICE, 3, "PRESS", original.event().at(),
                original.event().monotonicMs(), body, original.event().prevHash());
        events.set(2, new SignedDeviceEvent(edited, original.hash(), original.signature()));
        assertThat(verify(events)).isEqualTo(new ChainVerification(3, 2, 3, ChainVerification.Problem.HASH_MISMATCH));
    }

    @Test
    void editedAndRehashedEventFailsItsSignature() {
        List<SignedDeviceEvent> events = chain(3, TestKeys.DEVICE_PRIVATE);
        SignedDeviceEvent original = events.get(1);
        DeviceEvent edited = new DeviceEvent(original.event().eventId(), DEVICE, 2, "PRESS", original.event().at() + 1,
                original.event().monotonicMs(), original.event().body(), original.event().prevHash());
        events.set(1, new SignedDeviceEvent(edited, EvidenceCodec.hash(edited), original.signature()));
        assertThat(verify(events).problem()).isEqualTo(ChainVerification.Problem.BAD_SIGNATURE);
        assertThat(verify(events).firstBadIndex()).isEqualTo(1);
    }

    @Test
    void chainSignedByAnotherKeyIsRejectedAtTheFirstEvent() throws Exception {
        PrivateKey clone = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        assertThat(verify(chain(2, clone))).isEqualTo(new ChainVerification(1, 0, 1, ChainVerification.Problem.BAD_SIGNATURE));
    }

    @Test
    void deletedEventBreaksTheLink() {
        List<SignedDeviceEvent> events = chain(5, TestKeys.DEVICE_PRIVATE);
        events.remove(2);
        assertThat(verify(events)).isEqualTo(new ChainVerification(3, 2, 4, ChainVerification.Problem.BROKEN_LINK));
    }

    @Test
    void reorderedEventsBreakTheLink() {
        List<SignedDeviceEvent> events = chain(5, TestKeys.DEVICE_PRIVATE);
        SignedDeviceEvent third = events.remove(2);
        events.add(3, third);
        assertThat(verify(events).firstBadIndex()).isEqualTo(2);
        assertThat(verify(events).problem()).isEqualTo(ChainVerification.Problem.BROKEN_LINK);
    }

    @Test
    void droppedFirstEventIsDetectedAgainstGenesis() {
        List<SignedDeviceEvent> events = chain(3, TestKeys.DEVICE_PRIVATE);
        events.remove(0);
        assertThat(verify(events).problem()).isEqualTo(ChainVerification.Problem.BROKEN_LINK);
    }

    @Test
    void segmentVerifiesFromAnAnchor() {
        List<SignedDeviceEvent> events = chain(5, TestKeys.DEVICE_PRIVATE);
        var anchor = new EvidenceChain.Anchor(events.get(1).hash(), 2);
        assertThat(EvidenceChain.verify(events.subList(2, 5), DEVICE, TestKeys.DEVICE_PUBLIC, anchor).ok()).isTrue();
        var wrongSeq = new EvidenceChain.Anchor(events.get(1).hash(), 5);
        assertThat(EvidenceChain.verify(events.subList(2, 5), DEVICE, TestKeys.DEVICE_PUBLIC, wrongSeq).problem())
                .isEqualTo(ChainVerification.Problem.SEQ_GAP);
    }

    @Test
    void anotherDevicesEventIsRefused() {
        List<SignedDeviceEvent> events = chain(2, TestKeys.DEVICE_PRIVATE);
        assertThat(EvidenceChain.verify(events, "SF-DEV-0002", TestKeys.DEVICE_PUBLIC).problem())
                .isEqualTo(ChainVerification.Problem.WRONG_DEVICE);
    }

    @Test
    void malformedSignatureIsJustInvalid() {
        SignedDeviceEvent event = chain(1, TestKeys.DEVICE_PRIVATE).get(0);
        for (String signature : new String[] {"", "!!!", "AAAA"}) {
            SignedDeviceEvent bad = new SignedDeviceEvent(event.event(), event.hash(), signature);
            assertThat(EvidenceCodec.signatureValid(bad, TestKeys.DEVICE_PUBLIC)).isFalse();
        }
    }

    @Test
    void bodyNumbersAreNormalisedSoAJsonRoundTripKeepsTheHash() {
        Map<String, Object> asJsonGivesIt = new HashMap<>(Map.of("open", true, "slot", 3));
        DeviceEvent a = new DeviceEvent("e", DEVICE, 1, "SLOT", 1, 1, asJsonGivesIt, DeviceEvent.GENESIS);
        DeviceEvent b = new DeviceEvent("e", DEVICE, 1, "SLOT", 1, 1, Map.of("open", true, "slot", 3L), DeviceEvent.GENESIS);
        assertThat(a).isEqualTo(b);
        assertThat(EvidenceCodec.hash(a)).isEqualTo(EvidenceCodec.hash(b));
    }

    @Test
    void previousHashMustBeSixtyFourLowerCaseHexDigits() {
        String good = "0123456789abcdef".repeat(4);
        assertThat(new DeviceEvent("e", DEVICE, 2, "SLOT", 1, 1, Map.of(), good).prevHash()).isEqualTo(good);
        for (String bad : new String[] {"", good.substring(1), good + "0", good.toUpperCase(java.util.Locale.ROOT),
            good.substring(1) + "g", good.substring(1) + " ", good.substring(1) + "/", good.substring(1) + ":",
            good.substring(1) + "`"}) {
            assertThatThrownBy(() -> new DeviceEvent("e", DEVICE, 2, "SLOT", 1, 1, Map.of(), bad))
                    .as("prevHash %s", bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void bodyRefusesValuesWithoutACanonicalForm() {
        assertThatThrownBy(() -> new DeviceEvent("e", DEVICE, 1, "HEALTH", 1, 1, Map.of("temp", 21.5), DeviceEvent.GENESIS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeviceEvent("e", DEVICE, 1, "HEALTH", 1, 1, Map.of("nested", Map.of()), DeviceEvent.GENESIS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pressBodyRoundTrips() {
        PressEvidence press = new PressEvidence(null, null, 0, 77, null);
        assertThat(PressEvidence.fromBody(new DeviceEvent("e", DEVICE, 1, "PRESS", 1, 1, press.toBody(), DeviceEvent.GENESIS).body()))
                .isEqualTo(press);
        assertThatThrownBy(() -> PressEvidence.fromBody(Map.of("sessionId", "x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
