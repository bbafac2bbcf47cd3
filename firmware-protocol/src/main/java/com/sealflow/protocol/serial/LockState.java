package com.sealflow.protocol.serial;

/** Whether the seal mechanism can be pressed, as the MCU reports in STATUS. */
public enum LockState {
    /** No session: presses are mechanically blocked. */
    LOCKED(0),
    /** A session is running: presses are allowed. */
    UNLOCKED(1),
    /** The mechanism reports a fault and stays locked. */
    FAULT(2);

    private final int code;

    LockState(int code) {
        this.code = code;
    }

    /** The byte that stands for this value on the wire. */
    public int code() {
        return code;
    }

    /** The value for a wire byte, or {@code null} when this protocol version does not define it. */
    public static LockState fromCode(int code) {
        for (LockState value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return null;
    }
}
