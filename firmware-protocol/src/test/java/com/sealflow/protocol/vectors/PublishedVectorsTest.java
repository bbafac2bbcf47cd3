package com.sealflow.protocol.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.sealflow.protocol.evidence.EvidenceChain;
import com.sealflow.protocol.evidence.EvidenceCodec;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import com.sealflow.protocol.keys.Ed25519Keys;
import com.sealflow.protocol.serial.Cobs;
import com.sealflow.protocol.serial.Frame;
import com.sealflow.protocol.serial.FrameCodec;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.SampleMessages;
import com.sealflow.protocol.serial.StreamDecoder;
import com.sealflow.protocol.serial.UnlockMac;
import com.sealflow.protocol.token.UnlockTokenCodec;
import com.sealflow.protocol.token.VerifiedToken;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Pins every published vector file, so the documents and other implementations can rely on them. */
class PublishedVectorsTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void crc32c() {
        VectorFile file = VectorFile.load("crc32c.txt");
        List<String> names = names(file, ".input");
        assertThat(names).contains("check", "zeros32", "ascending32");
        for (String name : names) {
            byte[] input = file.hex(name + ".input");
            assertThat(FrameCodec.crc32c(input, 0, input.length)).as(name).isEqualTo(Long.parseLong(file.text(name + ".crc"), 16));
        }
    }

    @Test
    void cobs() {
        VectorFile file = VectorFile.load("cobs.txt");
        List<String> names = names(file, ".raw");
        assertThat(names).hasSizeGreaterThan(5);
        for (String name : names) {
            byte[] raw = file.hex(name + ".raw");
            byte[] encoded = file.hex(name + ".encoded");
            assertThat(Cobs.encode(raw)).as(name).isEqualTo(encoded);
            assertThat(Cobs.decode(encoded, 0, encoded.length)).as(name).isEqualTo(raw);
        }
    }

    @Test
    void everyMessageFrame() {
        VectorFile file = VectorFile.load("frames.txt");
        List<Frame> frames = SampleMessages.frames();
        assertThat(names(file, ".raw")).hasSize(frames.size());
        for (Frame frame : frames) {
            String name = frame.message().type().name().toLowerCase(Locale.ROOT).replace('_', '-');
            byte[] raw = file.hex(name + ".raw");
            byte[] wire = file.hex(name + ".wire");
            assertThat(FrameCodec.encodeRaw(frame)).as(name).isEqualTo(raw);
            assertThat(FrameCodec.encode(frame)).as(name).isEqualTo(wire);
            // The trailing CRC is little-endian CRC-32C of everything before it.
            long crc = FrameCodec.crc32c(raw, 0, raw.length - 4);
            assertThat(Arrays.copyOfRange(raw, raw.length - 4, raw.length))
                    .isEqualTo(new byte[] {(byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24)});
            assertThat(new StreamDecoder().feed(wire)).as(name).containsExactly(frame);
        }
    }

    @Test
    void unlockMac() throws Exception {
        VectorFile file = VectorFile.load("unlock-mac.txt");
        byte[] key = file.hex("key");
        String device = file.text("device-id");
        long session = file.number("session-id");
        int slot = (int) file.number("slot");
        int presses = (int) file.number("presses");
        int limit = (int) file.number("time-limit-seconds");
        long counter = file.number("unlock-counter");
        assertThat(UnlockMac.input(device, session, slot, presses, limit, counter)).isEqualTo(file.hex("input"));
        assertThat(UnlockMac.compute(key, device, session, slot, presses, limit, counter)).isEqualTo(file.hex("mac"));
        // Independently of UnlockMac: plain HMAC-SHA256 over the published input, truncated.
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        assertThat(Arrays.copyOf(hmac.doFinal(file.hex("input")), 16)).isEqualTo(file.hex("mac"));
        Message.Unlock unlock = new Message.Unlock(session, slot, presses, limit, counter, file.hex("mac"));
        assertThat(UnlockMac.verify(key, device, unlock)).isTrue();
    }

    @Test
    void ed25519KeysLoadFromRawSeedsAsRfc8032Says() throws Exception {
        // RFC 8032 section 7.1, TEST 1 (empty message).
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(Ed25519Keys.privateKeyFromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")));
        assertThat(HEX.formatHex(signer.sign())).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(TestKeys.SERVER_PUBLIC);
        signer.initSign(TestKeys.SERVER_PRIVATE);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).as("published seed and public key belong together").isTrue();
    }

    @Test
    void unlockToken() {
        VectorFile file = VectorFile.load("token.txt");
        var token = VectorFixtures.token();
        assertThat(token.tokenId()).isEqualTo(file.text("token-id"));
        assertThat(token.counter()).isEqualTo(file.number("counter"));
        assertThat(UnlockTokenCodec.payload(token)).isEqualTo(file.hex("payload"));
        assertThat(UnlockTokenCodec.signatureInput(1, file.text("kid"), file.hex("payload"))).isEqualTo(file.hex("signature-input"));
        assertThat(UnlockTokenCodec.sign(token, TestKeys.SERVER_PRIVATE, file.text("kid"))).isEqualTo(file.text("encoded"));
        VerifiedToken verified = UnlockTokenCodec.parseAndVerify(file.text("encoded"), Map.of(file.text("kid"), TestKeys.SERVER_PUBLIC));
        assertThat(verified.refusal()).isNull();
        assertThat(verified.token()).isEqualTo(token);
    }

    @Test
    void pressEvidenceAndChain() throws Exception {
        VectorFile file = VectorFile.load("evidence.txt");
        SignedDeviceEvent press = EvidenceCodec.sign(VectorFixtures.press(), TestKeys.DEVICE_PRIVATE);
        SignedDeviceEvent end = EvidenceCodec.sign(VectorFixtures.sessionEnd(press.hash()), TestKeys.DEVICE_PRIVATE);
        assertThat(EvidenceCodec.canonical(press.event())).isEqualTo(file.hex("press.canonical"));
        assertThat(press.hash()).isEqualTo(file.text("press.hash"))
                .isEqualTo(HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(file.hex("press.canonical"))));
        assertThat(press.signature()).isEqualTo(file.text("press.signature"));
        assertThat(EvidenceCodec.canonical(end.event())).isEqualTo(file.hex("session-end.canonical"));
        assertThat(end.hash()).isEqualTo(file.text("session-end.hash"));
        assertThat(end.signature()).isEqualTo(file.text("session-end.signature"));
        assertThat(VectorFixtures.PHOTO_SHA256).isEqualTo(file.text("photo-sha256"));
        assertThat(EvidenceChain.verify(List.of(press, end), VectorFixtures.DEVICE_ID, TestKeys.DEVICE_PUBLIC).ok()).isTrue();
    }

    private static List<String> names(VectorFile file, String suffix) {
        return file.entries().keySet().stream().filter(k -> k.endsWith(suffix))
                .map(k -> k.substring(0, k.length() - suffix.length())).toList();
    }
}
