package com.sealflow.protocol.serial;

/** How the custodian proved presence at the device (AUTH). */
public enum AuthMethod {
    /** Digits typed on the device keypad (ASCII). */
    PIN(1),
    /** Badge / card UID read by the device reader (upper-case hex, ASCII). */
    BADGE(2);

    private final int code;

    AuthMethod(int code) {
        this.code = code;
    }

    /** The byte that stands for this value on the wire. */
    public int code() {
        return code;
    }

    /** The value for a wire byte, or {@code null} when this protocol version does not define it. */
    public static AuthMethod fromCode(int code) {
        for (AuthMethod value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return null;
    }
}
