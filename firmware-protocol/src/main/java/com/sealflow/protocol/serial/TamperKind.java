package com.sealflow.protocol.serial;

/** What the tamper sensor saw (TAMPER). */
public enum TamperKind {
    /** The device housing was opened. */
    CASE_OPENED(1),
    /** A press was sensed while the mechanism was locked. */
    FORCED_PRESS(2),
    /** The device was tilted or lifted (accelerometer). */
    MOVED(3),
    /** A press or door sensor disagrees with itself. */
    SENSOR_FAULT(4),
    /** The cabinet door opened while its lock was engaged. */
    DOOR_FORCED(5);

    private final int code;

    TamperKind(int code) {
        this.code = code;
    }

    /** The byte that stands for this value on the wire. */
    public int code() {
        return code;
    }

    /** The value for a wire byte, or {@code null} when this protocol version does not define it. */
    public static TamperKind fromCode(int code) {
        for (TamperKind value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return null;
    }
}
