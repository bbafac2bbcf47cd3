package com.sealflow.protocol.serial;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A serial-link message. Each record is one payload layout in {@link MessageType}; constructors
 * reject values the wire cannot carry, so anything that exists can be encoded. Unsigned 32-bit
 * fields are {@code long}, 8/16-bit fields {@code int}.
 */
public sealed interface Message {

    /** The wire type of this message. */
    MessageType type();

    /** Device to host at boot and in answer to a host HELLO; host to device when the link (re)starts. */
    record Hello(String deviceId, String firmwareVersion, long pressCounter, int capabilities, int slotCount,
                 long lastUnlockCounter, List<Integer> protocolVersions) implements Message {
        public static final int CAP_PIN_PAD = 1;
        public static final int CAP_BADGE_READER = 1 << 1;
        public static final int CAP_DOOR = 1 << 2;
        public static final int CAP_SLOTS = 1 << 3;
        public static final int CAP_TAMPER_SWITCH = 1 << 4;
        public static final int CAP_PRESS_SENSOR = 1 << 5;

        public Hello {
            text(deviceId, 32, "deviceId");
            text(firmwareVersion, 32, "firmwareVersion");
            u32(pressCounter, "pressCounter");
            u16(capabilities, "capabilities");
            u8(slotCount, "slotCount");
            u32(lastUnlockCounter, "lastUnlockCounter");
            protocolVersions = List.copyOf(protocolVersions);
            if (protocolVersions.isEmpty() || protocolVersions.size() > 16) {
                throw new IllegalArgumentException("protocolVersions must list 1..16 versions");
            }
            protocolVersions.forEach(v -> u8(v, "protocolVersions[]"));
        }

        public boolean can(int capability) {
            return (capabilities & capability) != 0;
        }

        @Override
        public MessageType type() {
            return MessageType.HELLO;
        }
    }

    /** Device to host: a snapshot of the device state, sent in answer to HEARTBEAT and on change. */
    record Status(LockState lockState, long sessionId, int remainingPresses, int secondsLeft, boolean doorOpen,
                  boolean tamperLatched, long pressCounter) implements Message {
        public Status {
            Objects.requireNonNull(lockState, "lockState");
            u32(sessionId, "sessionId");
            u16(remainingPresses, "remainingPresses");
            u16(secondsLeft, "secondsLeft");
            u32(pressCounter, "pressCounter");
        }

        @Override
        public MessageType type() {
            return MessageType.STATUS;
        }
    }

    /** Host to device: start a session. Slot 0 means the device's only seal. See {@link UnlockMac}. */
    record Unlock(long sessionId, int slot, int presses, int timeLimitSeconds, long unlockCounter, byte[] mac)
            implements Message {
        public Unlock {
            u32(sessionId, "sessionId");
            u8(slot, "slot");
            u16(presses, "presses");
            u16(timeLimitSeconds, "timeLimitSeconds");
            u32(unlockCounter, "unlockCounter");
            if (mac == null || mac.length != UnlockMac.MAC_LENGTH) {
                throw new IllegalArgumentException("mac must be " + UnlockMac.MAC_LENGTH + " bytes");
            }
            mac = mac.clone();
        }

        @Override
        public byte[] mac() {
            return mac.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unlock u && sessionId == u.sessionId && slot == u.slot && presses == u.presses
                    && timeLimitSeconds == u.timeLimitSeconds && unlockCounter == u.unlockCounter && Arrays.equals(mac, u.mac);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, slot, presses, timeLimitSeconds, unlockCounter) * 31 + Arrays.hashCode(mac);
        }

        @Override
        public String toString() {
            return "Unlock[sessionId=" + sessionId + ", slot=" + slot + ", presses=" + presses + ", timeLimitSeconds="
                    + timeLimitSeconds + ", unlockCounter=" + unlockCounter + ", mac=" + HexFormat.of().formatHex(mac) + "]";
        }

        @Override
        public MessageType type() {
            return MessageType.UNLOCK;
        }
    }

    /** Host to device: end the named session now (0 = whatever session is running). */
    record Lock(long sessionId) implements Message {
        public Lock {
            u32(sessionId, "sessionId");
        }

        @Override
        public MessageType type() {
            return MessageType.LOCK;
        }
    }

    /** Device to host: the custodian entered a PIN or presented a badge; the host decides. */
    record Auth(AuthMethod method, String credential) implements Message {
        public Auth {
            Objects.requireNonNull(method, "method");
            text(credential, 64, "credential");
        }

        /** Keeps PINs out of logs. */
        @Override
        public String toString() {
            return "Auth[method=" + method + ", credential=<" + credential.length() + " chars>]";
        }

        @Override
        public MessageType type() {
            return MessageType.AUTH;
        }
    }

    /** Device to host: the press sensor confirmed one stamp. Session 0 = a press with no session. */
    record Press(long sessionId, long pressCounter, int remainingPresses) implements Message {
        public Press {
            u32(sessionId, "sessionId");
            u32(pressCounter, "pressCounter");
            u16(remainingPresses, "remainingPresses");
        }

        @Override
        public MessageType type() {
            return MessageType.PRESS;
        }
    }

    /** Device to host: the session is over and the mechanism is locked again. */
    record SessionEnd(long sessionId, SessionEndReason reason, int pressesUsed) implements Message {
        public SessionEnd {
            u32(sessionId, "sessionId");
            Objects.requireNonNull(reason, "reason");
            u16(pressesUsed, "pressesUsed");
        }

        @Override
        public MessageType type() {
            return MessageType.SESSION_END;
        }
    }

    /** Device to host: the cabinet door sensor changed. */
    record Door(boolean open) implements Message {
        @Override
        public MessageType type() {
            return MessageType.DOOR;
        }
    }

    /** Device to host: a cabinet slot's presence sensor changed (slots count from 1). */
    record Slot(int slot, boolean present) implements Message {
        public Slot {
            u8(slot, "slot");
        }

        @Override
        public MessageType type() {
            return MessageType.SLOT;
        }
    }

    /** Device to host: a tamper sensor fired. */
    record Tamper(TamperKind kind) implements Message {
        public Tamper {
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public MessageType type() {
            return MessageType.TAMPER;
        }
    }

    /** Either way: the frame whose sequence number is in the header's ack field was accepted. */
    record Ack() implements Message {
        @Override
        public MessageType type() {
            return MessageType.ACK;
        }
    }

    /** Either way: the frame whose sequence number is in the header's ack field was refused for good. */
    record Nack(ErrorCode code) implements Message {
        public Nack {
            if (code == null || code == ErrorCode.OK) {
                throw new IllegalArgumentException("a NACK needs an error code other than OK");
            }
        }

        @Override
        public MessageType type() {
            return MessageType.NACK;
        }
    }

    /** Host to device every second while idle; the device answers with STATUS. */
    record Heartbeat() implements Message {
        @Override
        public MessageType type() {
            return MessageType.HEARTBEAT;
        }
    }

    private static void u8(int value, String field) {
        range(value, 0xFF, field);
    }

    private static void u16(int value, String field) {
        range(value, 0xFFFF, field);
    }

    private static void u32(long value, String field) {
        range(value, 0xFFFF_FFFFL, field);
    }

    private static void range(long value, long max, String field) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be in 0.." + max + ", was " + value);
        }
    }

    private static void text(String value, int maxBytes, String field) {
        Objects.requireNonNull(value, field);
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(value)) {
            throw new IllegalArgumentException(field + " is not encodable as UTF-8 (lone surrogate)");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new IllegalArgumentException(field + " is longer than " + maxBytes + " UTF-8 bytes");
        }
    }
}
