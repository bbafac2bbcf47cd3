package com.sealflow.protocol.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamDecoderTest {

    private final List<Discard> discards = new ArrayList<>();
    private final StreamDecoder decoder = new StreamDecoder(discards::add);

    private static List<Frame> sampleFrames() {
        List<Frame> frames = new ArrayList<>();
        int seq = 1;
        for (Message message : SampleMessages.all()) {
            frames.add(Frame.of(message.type().needsAck() ? seq++ : 0, message));
        }
        return frames;
    }

    private static byte[] wire(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(FrameCodec.encode(f)));
        return out.toByteArray();
    }

    @Test
    void mergedFramesInOneReadAllComeOut() {
        List<Frame> frames = sampleFrames();
        assertThat(decoder.feed(wire(frames))).isEqualTo(frames);
        assertThat(decoder.framesDecoded()).isEqualTo(frames.size());
        assertThat(discards).isEmpty();
    }

    @Test
    void splitAtEveryBytePositionStillDecodes() {
        List<Frame> frames = sampleFrames();
        byte[] bytes = wire(frames);
        for (int split = 0; split <= bytes.length; split++) {
            StreamDecoder fresh = new StreamDecoder();
            List<Frame> out = new ArrayList<>(fresh.feed(bytes, 0, split));
            out.addAll(fresh.feed(bytes, split, bytes.length - split));
            assertThat(out).as("split at %d", split).isEqualTo(frames);
        }
    }

    @Test
    void oneByteAtATime() {
        List<Frame> frames = sampleFrames();
        List<Frame> out = new ArrayList<>();
        for (byte b : wire(frames)) {
            out.addAll(decoder.feed(new byte[] {b}));
        }
        assertThat(out).isEqualTo(frames);
    }

    @Test
    void noiseBeforeAFrameIsDiscardedAndTheFrameSurvives() {
        Frame frame = Frame.of(9, new Message.Press(7, 100, 1));
        byte[] noise = {0x13, 0x37, (byte) 0xFF, 0x42};
        List<Frame> out = new ArrayList<>(decoder.feed(noise));
        out.addAll(decoder.feed(FrameCodec.encode(frame)));
        // The noise has no delimiter of its own, so it spoils the frame it runs into...
        assertThat(out).isEmpty();
        assertThat(discards).hasSize(1);
        // ...and the next frame is clean: the decoder resynchronised on the delimiter.
        assertThat(decoder.feed(FrameCodec.encode(frame))).containsExactly(frame);
    }

    @Test
    void senderLeadingDelimiterShieldsAFrameFromPrecedingNoise() {
        Frame frame = Frame.of(9, new Message.Press(7, 100, 1));
        decoder.feed(new byte[] {0x13, 0x37});
        assertThat(decoder.feed(concat(new byte[] {0}, FrameCodec.encode(frame)))).containsExactly(frame);
        assertThat(decoder.discarded(DiscardReason.BAD_COBS) + decoder.discarded(DiscardReason.TOO_SHORT)).isEqualTo(1);
    }

    @Test
    void corruptedByteGivesBadCrcAndNextFrameDecodes() {
        Frame first = Frame.of(1, new Message.Press(7, 100, 2));
        Frame second = Frame.of(2, new Message.Press(7, 101, 1));
        byte[] bad = FrameCodec.encode(first);
        bad[6] ^= 0x01;
        List<Frame> out = decoder.feed(concat(bad, FrameCodec.encode(second)));
        assertThat(out).containsExactly(second);
        assertThat(decoder.discarded(DiscardReason.BAD_CRC)).isEqualTo(1);
        assertThat(discards.get(0).headerTrusted()).isFalse();
    }

    @Test
    void truncatedFrameIsDroppedAtTheNextDelimiter() {
        byte[] whole = FrameCodec.encode(Frame.of(1, new Message.Press(7, 100, 2)));
        byte[] cut = new byte[6];
        System.arraycopy(whole, 0, cut, 0, 6);
        Frame next = Frame.of(2, new Message.Door(false));
        List<Frame> out = decoder.feed(concat(cut, new byte[] {0}, FrameCodec.encode(next)));
        assertThat(out).containsExactly(next);
        assertThat(decoder.discardedTotal()).isEqualTo(1);
    }

    @Test
    void frameCutInsideACobsBlockIsBadCobsAndCutAtABlockEndIsTooShort() {
        byte[] whole = FrameCodec.encode(Frame.of(1, new Message.Press(7, 100, 2)));
        byte[] insideBlock = Arrays.copyOf(whole, 3);   // first code byte promises 4 data bytes
        byte[] atBlockEnd = Arrays.copyOf(whole, 6);    // decodes, but to 5 bytes: no room for header and CRC
        decoder.feed(concat(insideBlock, new byte[] {0}, atBlockEnd, new byte[] {0}));
        assertThat(discards).extracting(Discard::reason).containsExactly(DiscardReason.BAD_COBS, DiscardReason.TOO_SHORT);
    }

    @Test
    void oversizeRunIsDroppedWithoutBufferingAndDecodingResumes() {
        byte[] flood = new byte[10_000];
        Arrays.fill(flood, (byte) 0x7E);
        Frame after = Frame.of(3, new Message.Slot(1, true));
        assertThat(decoder.feed(flood)).isEmpty();
        assertThat(decoder.pendingBytes()).isEqualTo(10_000);
        assertThat(decoder.feed(concat(new byte[] {0}, FrameCodec.encode(after)))).containsExactly(after);
        assertThat(decoder.discarded(DiscardReason.OVERSIZE)).isEqualTo(1);
        assertThat(discards.get(0).length()).isEqualTo(10_000);
    }

    @Test
    void largestLegalFrameIsNotOversize() {
        byte[] raw = new byte[Frame.MAX_RAW_LENGTH];
        raw[0] = 1;
        raw[1] = (byte) MessageType.HEARTBEAT.code();
        raw[7] = (byte) Frame.MAX_PAYLOAD_LENGTH;
        fixCrc(raw);
        byte[] stuffed = Cobs.encode(raw);
        assertThat(stuffed.length).isLessThanOrEqualTo(Frame.MAX_ENCODED_LENGTH);
        List<Frame> out = decoder.feed(concat(stuffed, new byte[] {0}));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).message()).isEqualTo(new Message.Heartbeat());
    }

    @Test
    void oneByteOverTheLargestFrameIsOversize() {
        byte[] run = new byte[Frame.MAX_ENCODED_LENGTH + 1];
        Arrays.fill(run, (byte) 1);
        decoder.feed(concat(run, new byte[] {0}));
        assertThat(decoder.discarded(DiscardReason.OVERSIZE)).isEqualTo(1);
        byte[] legal = Arrays.copyOf(run, Frame.MAX_ENCODED_LENGTH);
        decoder.feed(concat(legal, new byte[] {0}));
        assertThat(decoder.discarded(DiscardReason.OVERSIZE)).as("253 bytes are decoded, not dropped as oversize").isEqualTo(1);
    }

    @Test
    void unknownTypeWithGoodCrcIsReportedWithItsHeaderSoTheLinkCanNack() {
        byte[] raw = {1, 0x7F, Frame.FLAG_ACK_REQUESTED, 0x34, 0x12, 0, 0, 0, 0, 0, 0, 0};
        fixCrc(raw);
        assertThat(decoder.feed(concat(Cobs.encode(raw), new byte[] {0}))).isEmpty();
        assertThat(discards).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DiscardReason.UNKNOWN_TYPE);
            assertThat(d.seq()).isEqualTo(0x1234);
            assertThat(d.type()).isEqualTo(0x7F);
            assertThat(d.senderAwaitsAnswer()).isTrue();
        });
    }

    @Test
    void otherVersionWrongLengthAndBadPayloadAreToldApart() {
        byte[] version2 = {2, 0x32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] lengthLies = {1, 0x32, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0};
        byte[] shortPress = {1, 0x21, 1, 1, 0, 0, 0, 1, 9, 0, 0, 0, 0};
        byte[] badEnum = {1, 0x25, 1, 1, 0, 0, 0, 1, (byte) 0xEE, 0, 0, 0, 0};
        for (byte[] raw : List.of(version2, lengthLies, shortPress, badEnum)) {
            fixCrc(raw);
            assertThat(decoder.feed(concat(Cobs.encode(raw), new byte[] {0}))).isEmpty();
        }
        assertThat(discards).extracting(Discard::reason).containsExactly(DiscardReason.UNSUPPORTED_VERSION,
                DiscardReason.BAD_LENGTH, DiscardReason.BAD_PAYLOAD, DiscardReason.BAD_PAYLOAD);
    }

    @Test
    void randomGarbageNeverThrowsAndCleanFramesAfterItDecode() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            byte[] garbage = new byte[random.nextInt(600)];
            random.nextBytes(garbage);
            decoder.feed(garbage);
            Frame frame = Frame.of(round + 1, new Message.Press(round, round, 0));
            assertThat(decoder.feed(concat(new byte[] {0}, FrameCodec.encode(frame)))).containsExactly(frame);
        }
        assertThat(decoder.discardedTotal()).isPositive();
        assertThat(decoder.bytesDiscarded()).isPositive();
    }

    @Test
    void idleDelimitersAreNotErrors() {
        assertThat(decoder.feed(new byte[] {0, 0, 0, 0})).isEmpty();
        assertThat(decoder.discardedTotal()).isZero();
    }

    static void fixCrc(byte[] raw) {
        int body = raw.length - Frame.CRC_LENGTH;
        long crc = FrameCodec.crc32c(raw, 0, body);
        for (int i = 0; i < 4; i++) {
            raw[body + i] = (byte) (crc >>> (8 * i));
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
