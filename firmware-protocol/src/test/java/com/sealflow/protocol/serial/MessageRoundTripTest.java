package com.sealflow.protocol.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MessageRoundTripTest {

    @Test
    void samplesCoverEveryMessageType() {
        Set<MessageType> covered = SampleMessages.all().stream().map(Message::type).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(EnumSet.allOf(MessageType.class));
    }

    @Test
    void everyMessageSurvivesEncodeAndDecode() {
        int seq = 1;
        for (Message message : SampleMessages.all()) {
            Frame frame = Frame.of(seq++, message);
            FrameCodec.DecodeResult result = decodeWire(FrameCodec.encode(frame));
            assertThat(result.ok()).as("%s decoded", message).isTrue();
            assertThat(result.frame()).isEqualTo(frame);
        }
    }

    @Test
    void reliableTypesAskForAnAck() {
        Set<MessageType> reliable = EnumSet.noneOf(MessageType.class);
        for (MessageType type : MessageType.values()) {
            if (type.needsAck()) {
                reliable.add(type);
            }
        }
        assertThat(reliable).containsExactlyInAnyOrder(MessageType.HELLO, MessageType.UNLOCK, MessageType.LOCK,
                MessageType.AUTH, MessageType.PRESS, MessageType.SESSION_END, MessageType.DOOR, MessageType.SLOT,
                MessageType.TAMPER);
        assertThat(Frame.of(5, new Message.Press(1, 2, 3)).ackRequested()).isTrue();
        assertThat(Frame.of(0, new Message.Heartbeat()).ackRequested()).isFalse();
    }

    @Test
    void typeCodesAreUnique() {
        assertThat(List.of(MessageType.values()).stream().map(MessageType::code).distinct().count())
                .isEqualTo(MessageType.values().length);
    }

    @Test
    void wireEncodingContainsNoZeroBeforeTheDelimiter() {
        byte[] wire = FrameCodec.encode(Frame.of(256, new Message.Press(0, 0, 0)));
        for (int i = 0; i < wire.length - 1; i++) {
            assertThat(wire[i]).as("byte %d", i).isNotZero();
        }
        assertThat(wire[wire.length - 1]).isZero();
    }

    @Test
    void trailingPayloadBytesFromANewerRevisionAreIgnored() {
        byte[] raw = FrameCodec.encodeRaw(Frame.of(3, new Message.Lock(9)));
        byte[] longer = withExtraPayloadByte(raw, (byte) 0x55);
        FrameCodec.DecodeResult result = FrameCodec.decodeRaw(longer, longer.length);
        assertThat(result.frame().message()).isEqualTo(new Message.Lock(9));
    }

    @Test
    void recordsRefuseValuesTheWireCannotCarry() {
        assertThatThrownBy(() -> new Message.Press(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message.Press(0, 1L << 32, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message.Slot(256, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message.Auth(AuthMethod.PIN, "x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message.Hello("d", "f", 0, 0, 0, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message.Nack(ErrorCode.OK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message.Unlock(1, 0, 1, 1, 1, new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authToStringHidesTheCredential() {
        assertThat(new Message.Auth(AuthMethod.PIN, "246810").toString()).doesNotContain("246810");
    }

    static FrameCodec.DecodeResult decodeWire(byte[] wire) {
        assertThat(wire[wire.length - 1]).isZero();
        return FrameCodec.decode(wire, 0, wire.length - 1);
    }

    /** Appends a byte to the payload and fixes up the length byte and CRC, as a newer sender would. */
    static byte[] withExtraPayloadByte(byte[] raw, byte extra) {
        int body = raw.length - Frame.CRC_LENGTH;
        byte[] out = new byte[raw.length + 1];
        System.arraycopy(raw, 0, out, 0, body);
        out[body] = extra;
        out[7] = (byte) (out[7] + 1);
        long crc = FrameCodec.crc32c(out, 0, body + 1);
        for (int i = 0; i < 4; i++) {
            out[body + 1 + i] = (byte) (crc >>> (8 * i));
        }
        return out;
    }
}
