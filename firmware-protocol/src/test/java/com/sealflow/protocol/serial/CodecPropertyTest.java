package com.sealflow.protocol.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CodecPropertyTest {

    @Property
    void anyMessageRoundTrips(@ForAll("frames") Frame frame) {
        byte[] wire = FrameCodec.encode(frame);
        assertThat(new StreamDecoder().feed(wire)).containsExactly(frame);
        assertThat(wire.length - 1).isLessThanOrEqualTo(Frame.MAX_ENCODED_LENGTH);
    }

    @Property
    void cobsRoundTripsAnyBytes(@ForAll @Size(max = 600) byte[] raw) {
        byte[] encoded = Cobs.encode(raw);
        assertThat(encoded).doesNotContain((byte) 0);
        assertThat(Cobs.decode(encoded, 0, encoded.length)).isEqualTo(raw);
    }

    /** Noise between frames, ended by a delimiter, never costs a frame, however the reads are cut. */
    @Property(tries = 300)
    void framesSurviveInterleavedNoiseAndArbitraryReads(@ForAll @Size(max = 8) List<@From("frames") Frame> frames,
                                                          @ForAll @Size(min = 9, max = 9) List<@Size(max = 400) byte[]> noise,
                                                          @ForAll @IntRange(min = 1, max = 64) int readSize) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            stream.writeBytes(noise.get(i));
            stream.write(0);
            stream.writeBytes(FrameCodec.encode(frames.get(i)));
        }
        stream.writeBytes(noise.get(8));
        byte[] bytes = stream.toByteArray();
        StreamDecoder decoder = new StreamDecoder();
        List<Frame> out = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += readSize) {
            out.addAll(decoder.feed(bytes, offset, Math.min(readSize, bytes.length - offset)));
        }
        assertThat(out).isEqualTo(frames);
    }

    @Provide
    Arbitrary<Frame> frames() {
        return Combinators.combine(messages(), Arbitraries.integers().between(0, 0xFFFF), Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.integers().between(0, 0xFF))
                .as((message, seq, ack, flags) -> new Frame(Frame.VERSION_1, flags, seq, ack, message));
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
        Arbitrary<Integer> u8 = Arbitraries.integers().between(0, 0xFF);
        Arbitrary<Boolean> bool = Arbitraries.of(true, false);
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("印流章").ofMaxLength(10);
        Arbitrary<Message> hello = Combinators.combine(text, text, u32, u16, u8, u32, u8.list().ofMinSize(1).ofMaxSize(16))
                .as(Message.Hello::new);
        Arbitrary<Message> status = Combinators.combine(Arbitraries.of(LockState.class), u32, u16, u16, bool, bool, u32)
                .as(Message.Status::new);
        Arbitrary<Message> unlock = Combinators.combine(u32, u8, u16, u16, u32, Arbitraries.bytes().array(byte[].class).ofSize(16))
                .as(Message.Unlock::new);
        return Arbitraries.oneOf(hello, status, unlock,
                u32.map(Message.Lock::new),
                Combinators.combine(Arbitraries.of(AuthMethod.class), text).as(Message.Auth::new),
                Combinators.combine(u32, u32, u16).as(Message.Press::new),
                Combinators.combine(u32, Arbitraries.of(SessionEndReason.class), u16).as(Message.SessionEnd::new),
                bool.map(Message.Door::new),
                Combinators.combine(u8, bool).as(Message.Slot::new),
                Arbitraries.of(TamperKind.class).map(Message.Tamper::new),
                Arbitraries.just(new Message.Ack()),
                Arbitraries.of(ErrorCode.class).filter(c -> c != ErrorCode.OK).map(Message.Nack::new),
                Arbitraries.just(new Message.Heartbeat()));
    }
}
