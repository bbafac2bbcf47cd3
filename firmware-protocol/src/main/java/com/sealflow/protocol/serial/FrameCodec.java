package com.sealflow.protocol.serial;

import java.util.Arrays;
import java.util.zip.CRC32C;

/** Frame to wire bytes and back. Stateless; see {@link StreamDecoder} for a byte stream. */
public final class FrameCodec {

    private FrameCodec() {
    }

    /** Header, payload and little-endian CRC-32C: the bytes that COBS then stuffs. */
    public static byte[] encodeRaw(Frame frame) {
        byte[] payload = frame.message().type().encodePayload(frame.message());
        if (payload.length > Frame.MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds " + Frame.MAX_PAYLOAD_LENGTH);
        }
        byte[] raw = new byte[Frame.HEADER_LENGTH + payload.length + Frame.CRC_LENGTH];
        raw[0] = (byte) frame.version();
        raw[1] = (byte) frame.message().type().code();
        raw[2] = (byte) frame.flags();
        raw[3] = (byte) frame.seq();
        raw[4] = (byte) (frame.seq() >>> 8);
        raw[5] = (byte) frame.ack();
        raw[6] = (byte) (frame.ack() >>> 8);
        raw[7] = (byte) payload.length;
        System.arraycopy(payload, 0, raw, Frame.HEADER_LENGTH, payload.length);
        int crcOffset = raw.length - Frame.CRC_LENGTH;
        long crc = crc32c(raw, 0, crcOffset);
        for (int i = 0; i < Frame.CRC_LENGTH; i++) {
            raw[crcOffset + i] = (byte) (crc >>> (8 * i));
        }
        return raw;
    }

    /** The complete wire form: COBS-stuffed frame followed by the 0x00 delimiter. */
    public static byte[] encode(Frame frame) {
        byte[] stuffed = Cobs.encode(encodeRaw(frame));
        return Arrays.copyOf(stuffed, stuffed.length + 1);
    }

    /** CRC-32C (Castagnoli, reflected, init and xor-out 0xFFFFFFFF); "123456789" gives 0xE3069283. */
    public static long crc32c(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return crc.getValue();
    }

    /** Decodes the bytes between two delimiters (COBS-stuffed, delimiter excluded). Never throws on content. */
    public static DecodeResult decode(byte[] encoded, int offset, int length) {
        if (length > Frame.MAX_ENCODED_LENGTH) {
            return DecodeResult.dropped(Discard.untrusted(DiscardReason.OVERSIZE, length));
        }
        byte[] raw = Cobs.decode(encoded, offset, length);
        if (raw == null) {
            return DecodeResult.dropped(Discard.untrusted(DiscardReason.BAD_COBS, length));
        }
        return decodeRaw(raw, length);
    }

    static DecodeResult decodeRaw(byte[] raw, int encodedLength) {
        if (raw.length < Frame.HEADER_LENGTH + Frame.CRC_LENGTH) {
            return DecodeResult.dropped(Discard.untrusted(DiscardReason.TOO_SHORT, encodedLength));
        }
        int crcOffset = raw.length - Frame.CRC_LENGTH;
        long expected = 0;
        for (int i = Frame.CRC_LENGTH - 1; i >= 0; i--) {
            expected = expected << 8 | (raw[crcOffset + i] & 0xFF);
        }
        if (crc32c(raw, 0, crcOffset) != expected) {
            return DecodeResult.dropped(Discard.untrusted(DiscardReason.BAD_CRC, encodedLength));
        }
        int version = raw[0] & 0xFF;
        int typeCode = raw[1] & 0xFF;
        int flags = raw[2] & 0xFF;
        int seq = (raw[3] & 0xFF) | (raw[4] & 0xFF) << 8;
        int ack = (raw[5] & 0xFF) | (raw[6] & 0xFF) << 8;
        int payloadLength = raw[7] & 0xFF;
        if (version != Frame.VERSION_1) {
            return DecodeResult.dropped(new Discard(DiscardReason.UNSUPPORTED_VERSION, encodedLength, version, typeCode, flags, seq));
        }
        if (payloadLength != crcOffset - Frame.HEADER_LENGTH) {
            return DecodeResult.dropped(new Discard(DiscardReason.BAD_LENGTH, encodedLength, version, typeCode, flags, seq));
        }
        MessageType type = MessageType.fromCode(typeCode);
        if (type == null) {
            return DecodeResult.dropped(new Discard(DiscardReason.UNKNOWN_TYPE, encodedLength, version, typeCode, flags, seq));
        }
        try {
            Message message = type.decodePayload(Arrays.copyOfRange(raw, Frame.HEADER_LENGTH, crcOffset));
            return DecodeResult.decoded(new Frame(version, flags, seq, ack, message));
        } catch (MalformedPayloadException e) {
            return DecodeResult.dropped(new Discard(DiscardReason.BAD_PAYLOAD, encodedLength, version, typeCode, flags, seq));
        }
    }

    /** Exactly one of {@code frame} and {@code discard} is set. */
    public record DecodeResult(Frame frame, Discard discard) {
        static DecodeResult decoded(Frame frame) {
            return new DecodeResult(frame, null);
        }

        static DecodeResult dropped(Discard discard) {
            return new DecodeResult(null, discard);
        }

        public boolean ok() {
            return frame != null;
        }
    }
}
