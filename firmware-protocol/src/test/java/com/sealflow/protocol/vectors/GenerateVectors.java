package com.sealflow.protocol.vectors;

import com.sealflow.protocol.evidence.EvidenceCodec;
import com.sealflow.protocol.evidence.SignedDeviceEvent;
import com.sealflow.protocol.serial.Cobs;
import com.sealflow.protocol.serial.Frame;
import com.sealflow.protocol.serial.FrameCodec;
import com.sealflow.protocol.serial.SampleMessages;
import com.sealflow.protocol.serial.UnlockMac;
import com.sealflow.protocol.token.UnlockTokenCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Writes frames.txt, unlock-mac.txt, token.txt and evidence.txt from the Java implementation.
 * Run only when a format deliberately changes (and bump its version):
 * {@code java -cp target/classes:target/test-classes com.sealflow.protocol.vectors.GenerateVectors src/test/resources/vectors}.
 * PublishedVectorsTest then pins the files.
 */
public final class GenerateVectors {

    private static final HexFormat HEX = HexFormat.of();

    private GenerateVectors() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/vectors");
        Files.writeString(dir.resolve("frames.txt"), frames());
        Files.writeString(dir.resolve("unlock-mac.txt"), unlockMac());
        Files.writeString(dir.resolve("token.txt"), token());
        Files.writeString(dir.resolve("evidence.txt"), evidence());
    }

    private static String frames() {
        StringBuilder out = new StringBuilder("""
                # One frame per message type, protocol version 1 (PROTOCOL.md, "Test vectors").
                # <name>.raw  = header | payload | CRC-32C little-endian, before COBS (hex)
                # <name>.wire = COBS(raw) followed by the 0x00 delimiter: the bytes on the serial line (hex)
                # The messages are those of SampleMessages.java; UNLOCK uses the key in unlock-mac.txt.
                """);
        for (Frame frame : SampleMessages.frames()) {
            String name = frame.message().type().name().toLowerCase(Locale.ROOT).replace('_', '-');
            out.append('\n').append("# ").append(frame.message()).append(", seq ").append(frame.seq())
                    .append(", ack ").append(frame.ack()).append('\n');
            out.append(name).append(".raw: ").append(HEX.formatHex(FrameCodec.encodeRaw(frame))).append('\n');
            out.append(name).append(".wire: ").append(HEX.formatHex(FrameCodec.encode(frame))).append('\n');
            assert HEX.formatHex(FrameCodec.encode(frame)).startsWith(HEX.formatHex(Cobs.encode(FrameCodec.encodeRaw(frame))));
        }
        return out.toString();
    }

    private static String unlockMac() {
        byte[] key = SampleMessages.LINK_KEY;
        return """
                # UNLOCK MAC (PROTOCOL.md, "UNLOCK authentication"). key = 32-byte link key (TEST ONLY),
                # input = the exact bytes HMAC-SHA256 covers, mac = its first 16 bytes.
                key: %s
                device-id: SF-DEV-0001
                session-id: 7
                slot: 0
                presses: 3
                time-limit-seconds: 180
                unlock-counter: 42
                input: %s
                mac: %s
                """.formatted(HEX.formatHex(key), HEX.formatHex(UnlockMac.input("SF-DEV-0001", 7, 0, 3, 180, 42)),
                HEX.formatHex(UnlockMac.compute(key, "SF-DEV-0001", 7, 0, 3, 180, 42)));
    }

    private static String token() {
        var token = VectorFixtures.token();
        byte[] payload = UnlockTokenCodec.payload(token);
        return """
                # Unlock token v1 (TOKENS.md). Fields are in VectorFixtures.java; key = server-token-key in test-keys.txt.
                # payload = deterministic CBOR map (hex); encoded = the transported base64url string.
                # Ed25519 is deterministic, so the signature and encoded string are reproducible.
                # slot: "null" = CBOR null. signature-input = the CBOR array the signature covers (hex).
                token-id: %s
                device-id: %s
                seal-id: %s
                slot: null
                request-id: %s
                custodian-id: %s
                presses: %d
                issued-at: %d
                not-after: %d
                counter: %d
                kid: %s
                payload: %s
                signature-input: %s
                encoded: %s
                """.formatted(token.tokenId(), token.deviceId(), token.sealId(), token.requestId(), token.custodianId(),
                token.pressesAllowed(), token.issuedAt(), token.notAfter(), token.counter(), TestKeys.SERVER_KID,
                HEX.formatHex(payload), HEX.formatHex(UnlockTokenCodec.signatureInput(1, TestKeys.SERVER_KID, payload)),
                UnlockTokenCodec.sign(token, TestKeys.SERVER_PRIVATE, TestKeys.SERVER_KID));
    }

    private static String evidence() {
        SignedDeviceEvent press = EvidenceCodec.sign(VectorFixtures.press(), TestKeys.DEVICE_PRIVATE);
        SignedDeviceEvent end = EvidenceCodec.sign(VectorFixtures.sessionEnd(press.hash()), TestKeys.DEVICE_PRIVATE);
        return """
                # Device evidence v1 (TOKENS.md). Events are in VectorFixtures.java; key = device-key in test-keys.txt.
                # canonical = deterministic CBOR (hex); hash = SHA-256(canonical) hex; signature = Ed25519 base64url.
                # The second event is chained to the first: its prevHash is press.hash.
                photo-sha256: %s
                press.canonical: %s
                press.hash: %s
                press.signature: %s
                session-end.canonical: %s
                session-end.hash: %s
                session-end.signature: %s
                """.formatted(VectorFixtures.PHOTO_SHA256, HEX.formatHex(EvidenceCodec.canonical(press.event())), press.hash(),
                press.signature(), HEX.formatHex(EvidenceCodec.canonical(end.event())), end.hash(), end.signature());
    }
}
