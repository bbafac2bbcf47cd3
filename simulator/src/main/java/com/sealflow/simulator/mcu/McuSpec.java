package com.sealflow.simulator.mcu;

import com.sealflow.protocol.serial.UnlockMac;
import java.util.Objects;

/**
 * What a simulated MCU is: fixed at manufacture. The link key is shared with the agent at
 * provisioning (agent setting {@code link.key}); without it nobody on the wire can unlock.
 *
 * @param slotCount 0 for a smart seal device, the number of seal slots for a cabinet
 */
public record McuSpec(String deviceId, Kind kind, int slotCount, String firmware, byte[] linkKey) {

    /** Device kinds as the server names them. */
    public enum Kind { SEAL_DEVICE, CABINET }

    public McuSpec {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(kind, "kind");
        firmware = firmware == null ? "sim-1.0.0" : firmware;
        if (linkKey == null || linkKey.length != UnlockMac.KEY_LENGTH) {
            throw new IllegalArgumentException("link key must be " + UnlockMac.KEY_LENGTH + " bytes");
        }
        linkKey = linkKey.clone();
        if (kind == Kind.SEAL_DEVICE && slotCount != 0 || kind == Kind.CABINET && (slotCount < 1 || slotCount > 32)) {
            throw new IllegalArgumentException("a seal device has no slots, a cabinet 1..32, not " + slotCount);
        }
    }

    @Override
    public byte[] linkKey() {
        return linkKey.clone();
    }

    public boolean cabinet() {
        return kind == Kind.CABINET;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof McuSpec s && s.deviceId.equals(deviceId);
    }

    @Override
    public int hashCode() {
        return deviceId.hashCode();
    }

    @Override
    public String toString() {
        return "McuSpec[" + deviceId + ", " + kind + ", slots=" + slotCount + "]";
    }
}
