package com.sealflow.protocol.serial;

/** Why the MCU ended a stamping session (SESSION_END). */
public enum SessionEndReason {
    /** All allowed presses were made. */
    PRESSES_USED(1),
    /** The session time limit ran out. */
    TIME_LIMIT(2),
    /** The host sent LOCK. */
    LOCKED_BY_HOST(3),
    /** The custodian ended the session on the device. */
    ENDED_AT_DEVICE(4),
    /** A tamper event forced the lock. */
    TAMPER(5),
    /** Power was lost or restored during the session. */
    POWER(6),
    /** No frame from the host for the host-lost timeout: without the host no photo evidence is taken. */
    HOST_LOST(7);

    private final int code;

    SessionEndReason(int code) {
        this.code = code;
    }

    /** The byte that stands for this value on the wire. */
    public int code() {
        return code;
    }

    /** The value for a wire byte, or {@code null} when this protocol version does not define it. */
    public static SessionEndReason fromCode(int code) {
        for (SessionEndReason value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return null;
    }
}
