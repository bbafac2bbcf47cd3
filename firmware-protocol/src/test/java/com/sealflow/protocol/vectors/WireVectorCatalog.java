package com.sealflow.protocol.vectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sealflow.protocol.serial.AuthMethod;
import com.sealflow.protocol.serial.Cobs;
import com.sealflow.protocol.serial.DiscardReason;
import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Frame;
import com.sealflow.protocol.serial.FrameCodec;
import com.sealflow.protocol.serial.LockState;
import com.sealflow.protocol.serial.Message;
import com.sealflow.protocol.serial.SampleMessages;
import com.sealflow.protocol.serial.SessionEndReason;
import com.sealflow.protocol.serial.TamperKind;
import com.sealflow.protocol.serial.UnlockMac;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The frames of {@code firmware-protocol/test-vectors.json}, and its generator. The committed file
 * is the contract; {@code WireVectorsTest} checks that it still matches this catalog. Regenerate
 * only after a deliberate format change (with a version bump): every test run writes the catalog's
 * current text to {@code target/test-vectors.json}; review the difference and copy it over.
 */
public final class WireVectorCatalog {

    public static final String FILE = "test-vectors.json";
    private static final HexFormat HEX = HexFormat.of();
    private static final int ACK_REQ = Frame.FLAG_ACK_REQUESTED;
    private static final int RETX = Frame.FLAG_RETRANSMISSION;

    private WireVectorCatalog() {
    }

    /** A well-formed frame under a name. */
    public record Valid(String name, Frame frame) {
    }

    /** Bytes on the wire (one run and its delimiter) that a receiver must discard for {@code reason}. */
    public record Invalid(String name, String note, byte[] wire, DiscardReason reason) {
    }

    public static List<Valid> valid() {
        List<Valid> out = new ArrayList<>();
        List<Frame> samples = SampleMessages.frames();
        for (Frame f : samples) {
            out.add(new Valid(f.message().type().name().toLowerCase(Locale.ROOT).replace('_', '-'), f));
        }
        out.add(new Valid("hello-host", new Frame(1, ACK_REQ, 1, 0, new Message.Hello("agent-gw-01", "0.1.0", 0, 0, 0, 0, List.of(1)))));
        out.add(new Valid("hello-cabinet-utf8-two-versions", new Frame(1, ACK_REQ, 1, 0, new Message.Hello("印流-柜-07", "2.0.0-rc1",
                4_000_000_000L, 0x3F, 12, 0xFFFF_FFFFL, List.of(1, 2)))));
        out.add(new Valid("hello-longest", new Frame(1, ACK_REQ, 65535, 0, new Message.Hello("D".repeat(32), "v".repeat(32),
                0, 0xFFFF, 255, 0, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)))));
        out.add(new Valid("status-locked-idle", Frame.of(0, new Message.Status(LockState.LOCKED, 0, 0, 0, false, false, 0))));
        out.add(new Valid("status-fault-door-tamper", Frame.of(0, new Message.Status(LockState.FAULT, 0, 0, 0, true, true, 0xFFFF_FFFFL))));
        out.add(new Valid("unlock-cabinet-slot-3", Frame.of(17, UnlockMac.sign(SampleMessages.LINK_KEY, "印流-柜-07",
                0xFFFF_FFFEL, 3, 65535, 65535, 1_000_000))));
        out.add(new Valid("unlock-retransmission", Frame.of(2, SampleMessages.all().get(2)).asRetransmission()));
        out.add(new Valid("lock-any-session", Frame.of(40000, new Message.Lock(0))));
        out.add(new Valid("auth-badge", Frame.of(300, new Message.Auth(AuthMethod.BADGE, "04A2B3C4D5E6F7"))));
        out.add(new Valid("auth-empty-credential", Frame.of(301, new Message.Auth(AuthMethod.PIN, ""))));
        out.add(new Valid("auth-longest-credential", Frame.of(302, new Message.Auth(AuthMethod.BADGE, "0123456789ABCDEF".repeat(4)))));
        out.add(new Valid("press-while-locked", Frame.of(256, new Message.Press(0, 1236, 0))));
        out.add(new Valid("press-retransmission-seq-65535", Frame.of(65535, new Message.Press(7, 0xFFFF_FFFFL, 65535)).asRetransmission()));
        SessionEndReason[] reasons = SessionEndReason.values();
        for (int i = 1; i < reasons.length; i++) {
            out.add(new Valid("session-end-" + slug(reasons[i].name()), Frame.of(10 + i,
                    new Message.SessionEnd(7 + i, reasons[i], i - 1))));
        }
        out.add(new Valid("door-closed", Frame.of(20, new Message.Door(false))));
        out.add(new Valid("slot-present", Frame.of(21, new Message.Slot(12, true))));
        TamperKind[] kinds = TamperKind.values();
        for (int i = 1; i < kinds.length; i++) {
            out.add(new Valid("tamper-" + slug(kinds[i].name()), Frame.of(22 + i, new Message.Tamper(kinds[i]))));
        }
        out.add(new Valid("ack-seq-65535", Frame.answer(65535, ErrorCode.OK)));
        for (ErrorCode code : ErrorCode.values()) {
            if (code != ErrorCode.OK && code != ErrorCode.BAD_MAC) {
                out.add(new Valid("nack-" + slug(code.name()), Frame.answer(code.code() * 257, code)));
            }
        }
        return out;
    }

    public static List<Invalid> invalid() {
        byte[] press = FrameCodec.encodeRaw(SampleMessages.frames().get(5));
        List<Invalid> out = new ArrayList<>();
        byte[] badCrc = press.clone();
        badCrc[badCrc.length - 1] ^= 0x01;
        out.add(bad("bad-crc", "the PRESS example with its last CRC byte changed", badCrc, DiscardReason.BAD_CRC));
        byte[] flipped = press.clone();
        flipped[12] ^= 0x10;
        out.add(bad("bad-crc-payload-bit", "the PRESS example with one payload bit flipped in transit", flipped, DiscardReason.BAD_CRC));
        out.add(bad("bad-crc-big-endian", "the PRESS example with the CRC sent big-endian", withBigEndianCrc(press),
                DiscardReason.BAD_CRC));
        out.add(new Invalid("truncated-cobs", "the PRESS example's wire bytes with the last 3 lost: the final COBS block runs past the end",
                delimit(Arrays.copyOf(Cobs.encode(press), Cobs.encode(press).length - 3)), DiscardReason.BAD_COBS));
        out.add(bad("truncated-raw", "a valid COBS run of only 11 raw bytes (header and 3 bytes)", Arrays.copyOf(press, 11),
                DiscardReason.TOO_SHORT));
        out.add(bad("lone-byte", "a single raw byte 0x01", new byte[] {1}, DiscardReason.TOO_SHORT));
        out.add(new Invalid("bad-cobs", "code byte 0x05 announces 4 data bytes, only 2 follow", delimit(HEX.parseHex("05012102")),
                DiscardReason.BAD_COBS));
        out.add(new Invalid("noise-before-frame",
                "line noise 13 37 ff 42 glued to the front of the PRESS example: valid COBS by chance, fails the CRC",
                delimit(concat(HEX.parseHex("1337ff42"), Cobs.encode(press))),
                DiscardReason.BAD_CRC));
        byte[] oversize = new byte[254];
        Arrays.fill(oversize, (byte) 0x41);
        out.add(new Invalid("oversize", "254 bytes without a delimiter (the limit is 253)", delimit(oversize), DiscardReason.OVERSIZE));
        out.add(bad("unknown-type", "type 0x40, valid CRC", raw(1, 0x40, ACK_REQ, 9, 0, -1, new byte[0]), DiscardReason.UNKNOWN_TYPE));
        out.add(bad("unknown-type-0x00", "type 0x00, valid CRC", raw(1, 0x00, 0, 0, 0, -1, new byte[0]), DiscardReason.UNKNOWN_TYPE));
        out.add(bad("unsupported-version", "a PRESS in header version 2", raw(2, 0x21, ACK_REQ, 5, 0, -1, payload(press)),
                DiscardReason.UNSUPPORTED_VERSION));
        out.add(bad("unsupported-version-before-type", "version 0 and unknown type 0x7f: the version is checked first",
                raw(0, 0x7F, 0, 0, 0, -1, new byte[0]), DiscardReason.UNSUPPORTED_VERSION));
        out.add(bad("bad-length-long", "PRESS whose len byte says 11 but 10 payload bytes follow",
                raw(1, 0x21, ACK_REQ, 5, 0, 11, payload(press)),
                DiscardReason.BAD_LENGTH));
        out.add(bad("bad-length-short", "PRESS whose len byte says 9 but 10 payload bytes follow",
                raw(1, 0x21, ACK_REQ, 5, 0, 9, payload(press)),
                DiscardReason.BAD_LENGTH));
        out.add(bad("bad-length-before-type", "len byte wrong and unknown type 0x40: the length is checked before the type",
                raw(1, 0x40, 0, 0, 0, 3, new byte[] {1, 2}), DiscardReason.BAD_LENGTH));
        out.add(bad("press-payload-short", "PRESS with a 9-byte payload (len 9): remainingPresses is cut",
                raw(1, 0x21, ACK_REQ, 5, 0, -1, Arrays.copyOf(payload(press), 9)), DiscardReason.BAD_PAYLOAD));
        out.add(bad("nack-empty", "NACK without its code byte", raw(1, 0x31, 0, 0, 2, -1, new byte[0]), DiscardReason.BAD_PAYLOAD));
        out.add(bad("door-bool-2", "DOOR open = 2 (bool must be 0 or 1)", raw(1, 0x23, ACK_REQ, 7, 0, -1, new byte[] {2}),
                DiscardReason.BAD_PAYLOAD));
        out.add(bad("tamper-kind-undefined", "TAMPER kind 6 is not defined", raw(1, 0x25, ACK_REQ, 9, 0, -1, new byte[] {6}),
                DiscardReason.BAD_PAYLOAD));
        out.add(bad("session-end-reason-0", "SESSION_END reason 0 is not defined",
                raw(1, 0x22, ACK_REQ, 6, 0, -1, HEX.parseHex("07000000000300")), DiscardReason.BAD_PAYLOAD));
        out.add(bad("status-lock-state-3", "STATUS lockState 3 is not defined",
                raw(1, 0x02, 0, 0, 0, -1, HEX.parseHex("03" + "00".repeat(10) + "d3040000")), DiscardReason.BAD_PAYLOAD));
        out.add(bad("nack-code-0", "NACK code 0 (OK is never sent)", raw(1, 0x31, 0, 0, 2, -1, new byte[] {0}), DiscardReason.BAD_PAYLOAD));
        out.add(bad("nack-code-11", "NACK code 11 is not defined", raw(1, 0x31, 0, 0, 2, -1, new byte[] {11}), DiscardReason.BAD_PAYLOAD));
        out.add(bad("auth-method-3", "AUTH method 3 is not defined", raw(1, 0x20, ACK_REQ, 4, 0, -1, HEX.parseHex("030131")),
                DiscardReason.BAD_PAYLOAD));
        out.add(bad("auth-bad-utf8", "AUTH credential bytes c3 28 are not UTF-8", raw(1, 0x20, ACK_REQ, 4, 0, -1, HEX.parseHex("0102c328")),
                DiscardReason.BAD_PAYLOAD));
        out.add(bad("auth-overlong-utf8", "AUTH credential e0 80 b1: an overlong form of '1'",
                raw(1, 0x20, ACK_REQ, 4, 0, -1, HEX.parseHex("0103e080b1")), DiscardReason.BAD_PAYLOAD));
        out.add(bad("auth-surrogate-utf8", "AUTH credential ed a0 80: a UTF-16 surrogate encoded as UTF-8",
                raw(1, 0x20, ACK_REQ, 4, 0, -1, HEX.parseHex("0103eda080")), DiscardReason.BAD_PAYLOAD));
        out.add(bad("auth-string-past-end", "AUTH credential length 5, only 2 bytes follow",
                raw(1, 0x20, ACK_REQ, 4, 0, -1, HEX.parseHex("01053132")), DiscardReason.BAD_PAYLOAD));
        out.add(bad("auth-credential-65", "AUTH credential of 65 bytes (max 64)",
                raw(1, 0x20, ACK_REQ, 4, 0, -1, concat(new byte[] {1, 65}, "1".repeat(65).getBytes(StandardCharsets.US_ASCII))),
                DiscardReason.BAD_PAYLOAD));
        out.add(bad("hello-device-id-33", "HELLO deviceId of 33 bytes (max 32)", raw(1, 0x01, ACK_REQ, 1, 0, -1,
                helloPayload("D".repeat(33), new byte[] {1, 1})), DiscardReason.BAD_PAYLOAD));
        out.add(bad("hello-no-versions", "HELLO versionCount 0 (must be 1..16)", raw(1, 0x01, ACK_REQ, 1, 0, -1,
                helloPayload("SF-DEV-0001", new byte[] {0})), DiscardReason.BAD_PAYLOAD));
        out.add(bad("hello-17-versions", "HELLO versionCount 17 (must be 1..16)", raw(1, 0x01, ACK_REQ, 1, 0, -1,
                helloPayload("SF-DEV-0001", concat(new byte[] {17}, SampleMessages.bytes(1, 17)))), DiscardReason.BAD_PAYLOAD));
        out.add(bad("unlock-mac-cut", "UNLOCK with 28 of its 29 payload bytes", raw(1, 0x10, ACK_REQ, 2, 0, -1,
                Arrays.copyOf(payload(FrameCodec.encodeRaw(SampleMessages.frames().get(2))), 28)), DiscardReason.BAD_PAYLOAD));
        return out;
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Invalid bad(String name, String note, byte[] raw, DiscardReason reason) {
        return new Invalid(name, note, delimit(Cobs.encode(raw)), reason);
    }

    private static byte[] helloPayload(String deviceId, byte[] versionPart) {
        byte[] id = deviceId.getBytes(StandardCharsets.UTF_8);
        byte[] fixed = HEX.parseHex("05312e342e32" + "d2040000" + "2100" + "00" + "29000000");
        return concat(concat(new byte[] {(byte) id.length}, id), concat(fixed, versionPart));
    }

    /** Header, payload and correct CRC; {@code len} -1 means the true payload length. */
    static byte[] raw(int version, int type, int flags, int seq, int ack, int len, byte[] payload) {
        byte[] raw = new byte[Frame.HEADER_LENGTH + payload.length + Frame.CRC_LENGTH];
        raw[0] = (byte) version;
        raw[1] = (byte) type;
        raw[2] = (byte) flags;
        raw[3] = (byte) seq;
        raw[4] = (byte) (seq >>> 8);
        raw[5] = (byte) ack;
        raw[6] = (byte) (ack >>> 8);
        raw[7] = (byte) (len < 0 ? payload.length : len);
        System.arraycopy(payload, 0, raw, Frame.HEADER_LENGTH, payload.length);
        long crc = FrameCodec.crc32c(raw, 0, raw.length - 4);
        for (int i = 0; i < 4; i++) {
            raw[raw.length - 4 + i] = (byte) (crc >>> (8 * i));
        }
        return raw;
    }

    private static byte[] withBigEndianCrc(byte[] raw) {
        byte[] out = raw.clone();
        for (int i = 0; i < 4; i++) {
            out[raw.length - 4 + i] = raw[raw.length - 1 - i];
        }
        return out;
    }

    private static byte[] payload(byte[] raw) {
        return Arrays.copyOfRange(raw, Frame.HEADER_LENGTH, raw.length - Frame.CRC_LENGTH);
    }

    private static byte[] delimit(byte[] run) {
        return Arrays.copyOf(run, run.length + 1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The JSON text of the file, one vector per line. */
    public static String json() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        out.append("{\n\"description\": \"SealFlow serial protocol v1 test vectors (PROTOCOL.md section 12). hex = the bytes on the wire: ")
                .append("COBS(header | payload | CRC-32C LE) then the 0x00 delimiter. valid: decode to exactly the stated meaning and ")
                .append("encode back to exactly hex. invalid: feed hex to a receiver; it must discard the run for reason ")
                .append("(PROTOCOL.md section 3 names) and deliver nothing. UNLOCK MACs use the TEST ONLY link key 00 01 .. 1f.\",\n");
        out.append("\"valid\": [\n");
        List<Valid> valid = valid();
        for (int i = 0; i < valid.size(); i++) {
            ObjectNode node = mapper.createObjectNode();
            node.put("name", valid.get(i).name());
            node.put("hex", HEX.formatHex(FrameCodec.encode(valid.get(i).frame())));
            node.setAll(WireMeaning.describe(valid.get(i).frame()));
            out.append("  ").append(mapper.writeValueAsString(node)).append(i + 1 < valid.size() ? ",\n" : "\n");
        }
        out.append("],\n\"invalid\": [\n");
        List<Invalid> invalid = invalid();
        for (int i = 0; i < invalid.size(); i++) {
            ObjectNode node = mapper.createObjectNode();
            node.put("name", invalid.get(i).name());
            node.put("hex", HEX.formatHex(invalid.get(i).wire()));
            node.put("reason", invalid.get(i).reason().name());
            node.put("note", invalid.get(i).note());
            out.append("  ").append(mapper.writeValueAsString(node)).append(i + 1 < invalid.size() ? ",\n" : "\n");
        }
        return out.append("]\n}\n").toString();
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args.length > 0 ? args[0] : FILE), json(), StandardCharsets.UTF_8);
    }
}
