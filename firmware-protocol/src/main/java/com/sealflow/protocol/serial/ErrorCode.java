package com.sealflow.protocol.serial;

/** Why a frame was refused (NACK). OK is never sent; link handlers return it to mean ACK. */
public enum ErrorCode {
    /** Accepted (answered with ACK, never with NACK). */
    OK(0),
    /** Header version is not the negotiated one. */
    UNSUPPORTED_VERSION(1),
    /** Message type code not defined in this version. */
    UNKNOWN_TYPE(2),
    /** Payload does not match the message layout. */
    BAD_PAYLOAD(3),
    /** UNLOCK MAC did not verify. */
    BAD_MAC(4),
    /** UNLOCK counter not above the last accepted one. */
    REPLAYED(5),
    /** A session is already running. */
    BUSY(6),
    /** The message names a session that is not running. */
    NO_SESSION(7),
    /** Refused by device state (door open, tamper latched, fault). */
    NOT_ALLOWED(8),
    /** A field value is out of the range the device supports (slot, presses). */
    BAD_ARGUMENT(9),
    /** The receiver failed; the sender may retry later. */
    INTERNAL(10);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The byte that stands for this value on the wire. */
    public int code() {
        return code;
    }

    /** The value for a wire byte, or {@code null} when this protocol version does not define it. */
    public static ErrorCode fromCode(int code) {
        for (ErrorCode value : values()) {
            if (value.code == code) {
                return value;
            }
        }
        return null;
    }
}
