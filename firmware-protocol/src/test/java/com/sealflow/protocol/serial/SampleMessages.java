package com.sealflow.protocol.serial;

import java.util.ArrayList;
import java.util.List;

/** One fixed example of every message type; the same values appear in the published vectors. */
public final class SampleMessages {

    public static final byte[] LINK_KEY = bytes(0x00, 32);

    private SampleMessages() {
    }

    public static List<Message> all() {
        return List.of(
                new Message.Hello("SF-DEV-0001", "1.4.2", 1234, Message.Hello.CAP_PIN_PAD | Message.Hello.CAP_PRESS_SENSOR,
                        0, 41, List.of(1)),
                new Message.Status(LockState.UNLOCKED, 7, 2, 170, false, false, 1235),
                UnlockMac.sign(LINK_KEY, "SF-DEV-0001", 7, 0, 3, 180, 42),
                new Message.Lock(7),
                new Message.Auth(AuthMethod.PIN, "246810"),
                new Message.Press(7, 1235, 2),
                new Message.SessionEnd(7, SessionEndReason.PRESSES_USED, 3),
                new Message.Door(true),
                new Message.Slot(2, false),
                new Message.Tamper(TamperKind.CASE_OPENED),
                new Message.Ack(),
                new Message.Nack(ErrorCode.BAD_MAC),
                new Message.Heartbeat());
    }

    /** Frames as published in frames.txt. */
    public static List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        int seq = 1;
        for (Message message : all()) {
            frames.add(message instanceof Message.Ack || message instanceof Message.Nack ? Frame.answer(2, errorOf(message))
                    : Frame.of(message.type().needsAck() ? seq++ : 0, message));
        }
        return frames;
    }

    private static ErrorCode errorOf(Message message) {
        return message instanceof Message.Nack nack ? nack.code() : ErrorCode.OK;
    }

    /** 0x00, 0x01, ... : an obviously fake key that only tests use. */
    public static byte[] bytes(int first, int count) {
        byte[] key = new byte[count];
        for (int i = 0; i < count; i++) {
            key[i] = (byte) (first + i);
        }
        return key;
    }
}
