package com.sealflow.protocol.serial;

/** Why the stream decoder dropped the bytes between two delimiters. */
public enum DiscardReason {
    /** Not valid COBS: typically a frame cut short by a lost byte, or line noise. */
    BAD_COBS,
    /** Fewer bytes than a header and CRC. */
    TOO_SHORT,
    /** The CRC-32C does not match: corrupted in transit. */
    BAD_CRC,
    /** More than {@link Frame#MAX_ENCODED_LENGTH} bytes without a delimiter. */
    OVERSIZE,
    /** The header's length byte disagrees with the frame size. */
    BAD_LENGTH,
    /** CRC good, but a header version this decoder does not speak. */
    UNSUPPORTED_VERSION,
    /** CRC good, but the type code is not in the message table. */
    UNKNOWN_TYPE,
    /** CRC good, known type, but the payload does not fit its layout or a field is out of range. */
    BAD_PAYLOAD
}
