package com.sealflow.protocol.serial;

/**
 * A dropped frame. When the CRC was good ({@link #headerTrusted()}), the header fields are real
 * and a link layer answers a frame that asked for an ACK with a NACK so the sender stops retrying.
 *
 * @param reason  why it was dropped
 * @param length  bytes dropped (encoded, without the delimiter)
 * @param version header version, or -1 when the header could not be trusted
 * @param type    header type code, or -1
 * @param flags   header flags, or -1
 * @param seq     header sequence number, or -1
 */
public record Discard(DiscardReason reason, int length, int version, int type, int flags, int seq) {

    static Discard untrusted(DiscardReason reason, int length) {
        return new Discard(reason, length, -1, -1, -1, -1);
    }

    public boolean headerTrusted() {
        return seq >= 0;
    }

    /** Whether the sender will keep retransmitting this frame until it gets an answer. */
    public boolean senderAwaitsAnswer() {
        return headerTrusted() && (flags & Frame.FLAG_ACK_REQUESTED) != 0;
    }
}
