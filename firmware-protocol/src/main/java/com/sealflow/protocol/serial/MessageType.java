package com.sealflow.protocol.serial;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The message table: wire type code, whether the sender asks for an ACK, and how the payload is
 * laid out. PROTOCOL.md documents the same table; the two must change together.
 */
public enum MessageType {
    HELLO(0x01, true, Message.Hello.class,
            (m, w) -> w.string(m.deviceId()).string(m.firmwareVersion()).u32(m.pressCounter()).u16(m.capabilities())
                    .u8(m.slotCount()).u32(m.lastUnlockCounter()).u8(m.protocolVersions().size())
                    .bytes(versionBytes(m.protocolVersions())),
            r -> new Message.Hello(r.string(), r.string(), r.u32(), r.u16(), r.u8(), r.u32(), readVersions(r))),
    STATUS(0x02, false, Message.Status.class,
            (m, w) -> w.u8(m.lockState().code()).u32(m.sessionId()).u16(m.remainingPresses()).u16(m.secondsLeft())
                    .bool(m.doorOpen()).bool(m.tamperLatched()).u32(m.pressCounter()),
            r -> new Message.Status(known(LockState.fromCode(r.u8()), "lockState"), r.u32(), r.u16(), r.u16(),
                    r.bool(), r.bool(), r.u32())),
    UNLOCK(0x10, true, Message.Unlock.class,
            (m, w) -> w.u32(m.sessionId()).u8(m.slot()).u16(m.presses()).u16(m.timeLimitSeconds()).u32(m.unlockCounter())
                    .bytes(m.mac()),
            r -> new Message.Unlock(r.u32(), r.u8(), r.u16(), r.u16(), r.u32(), r.bytes(UnlockMac.MAC_LENGTH))),
    LOCK(0x11, true, Message.Lock.class,
            (m, w) -> w.u32(m.sessionId()),
            r -> new Message.Lock(r.u32())),
    AUTH(0x20, true, Message.Auth.class,
            (m, w) -> w.u8(m.method().code()).string(m.credential()),
            r -> new Message.Auth(known(AuthMethod.fromCode(r.u8()), "method"), r.string())),
    PRESS(0x21, true, Message.Press.class,
            (m, w) -> w.u32(m.sessionId()).u32(m.pressCounter()).u16(m.remainingPresses()),
            r -> new Message.Press(r.u32(), r.u32(), r.u16())),
    SESSION_END(0x22, true, Message.SessionEnd.class,
            (m, w) -> w.u32(m.sessionId()).u8(m.reason().code()).u16(m.pressesUsed()),
            r -> new Message.SessionEnd(r.u32(), known(SessionEndReason.fromCode(r.u8()), "reason"), r.u16())),
    DOOR(0x23, true, Message.Door.class,
            (m, w) -> w.bool(m.open()),
            r -> new Message.Door(r.bool())),
    SLOT(0x24, true, Message.Slot.class,
            (m, w) -> w.u8(m.slot()).bool(m.present()),
            r -> new Message.Slot(r.u8(), r.bool())),
    TAMPER(0x25, true, Message.Tamper.class,
            (m, w) -> w.u8(m.kind().code()),
            r -> new Message.Tamper(known(TamperKind.fromCode(r.u8()), "kind"))),
    ACK(0x30, false, Message.Ack.class,
            (m, w) -> { },
            r -> new Message.Ack()),
    NACK(0x31, false, Message.Nack.class,
            (m, w) -> w.u8(m.code().code()),
            r -> new Message.Nack(known(ErrorCode.fromCode(r.u8()), "code"))),
    HEARTBEAT(0x32, false, Message.Heartbeat.class,
            (m, w) -> { },
            r -> new Message.Heartbeat());

    private final int code;
    private final boolean needsAck;
    private final Encoder<?> encoder;
    private final Function<PayloadReader, Message> decoder;

    <M extends Message> MessageType(int code, boolean needsAck, Class<M> recordType, BiConsumer<M, PayloadWriter> layout,
                                    Function<PayloadReader, M> decoder) {
        this.code = code;
        this.needsAck = needsAck;
        this.encoder = new Encoder<>(recordType, layout);
        this.decoder = decoder::apply;
    }

    /** The type byte in the frame header. */
    public int code() {
        return code;
    }

    /** Whether senders set the ACK_REQUESTED flag and retransmit this type until ACK or NACK. */
    public boolean needsAck() {
        return needsAck;
    }

    /** The type for a header byte, or {@code null} for a code this version does not define. */
    public static MessageType fromCode(int code) {
        for (MessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }

    /** Serialises the payload of {@code message} (which must be of this type). */
    public byte[] encodePayload(Message message) {
        PayloadWriter writer = new PayloadWriter();
        encoder.write(message, writer);
        return writer.toByteArray();
    }

    /**
     * Parses a payload of this type.
     *
     * @throws MalformedPayloadException if the payload is short or a field is out of range
     */
    Message decodePayload(byte[] payload) {
        try {
            return decoder.apply(new PayloadReader(payload));
        } catch (IllegalArgumentException e) {
            // Record constructors guard their ranges; on the wire that is simply a bad payload.
            throw new MalformedPayloadException(e.getMessage());
        }
    }

    private static <T> T known(T value, String field) {
        if (value == null) {
            throw new MalformedPayloadException("undefined code for " + field);
        }
        return value;
    }

    private static byte[] versionBytes(List<Integer> versions) {
        byte[] bytes = new byte[versions.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (int) versions.get(i);
        }
        return bytes;
    }

    private static List<Integer> readVersions(PayloadReader reader) {
        int count = reader.u8();
        List<Integer> versions = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            versions.add(reader.u8());
        }
        return versions;
    }

    private record Encoder<M extends Message>(Class<M> recordType, BiConsumer<M, PayloadWriter> layout) {
        void write(Message message, PayloadWriter writer) {
            layout.accept(recordType.cast(message), writer);
        }
    }
}
