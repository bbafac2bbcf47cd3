package com.sealflow.protocol.serial;

import java.util.Objects;

/**
 * One decoded frame: header fields plus the typed message. Layout before COBS (all integers
 * little-endian): {@code version u8 | type u8 | flags u8 | seq u16 | ack u16 | length u8 |
 * payload[length] | crc32c u32} where the CRC-32C covers every byte before it.
 *
 * @param version protocol version from the header ({@link #VERSION_1} is the only one so far)
 * @param flags   {@link #FLAG_ACK_REQUESTED}, {@link #FLAG_RETRANSMISSION}; other bits reserved (send 0, ignore)
 * @param seq     sender's sequence number, 1..65535, for frames that need an ACK; 0 on all others
 * @param ack     for ACK and NACK, the seq being answered; 0 on all others
 * @param message the payload, typed
 */
public record Frame(int version, int flags, int seq, int ack, Message message) {

    public static final int VERSION_1 = 1;
    /** The receiver must answer with ACK or NACK, and must deliver a repeated seq only once. */
    public static final int FLAG_ACK_REQUESTED = 1;
    /** This is a repeat of an earlier transmission (informational: receivers dedup by seq anyway). */
    public static final int FLAG_RETRANSMISSION = 1 << 1;

    public static final int HEADER_LENGTH = 8;
    public static final int CRC_LENGTH = 4;
    public static final int MAX_PAYLOAD_LENGTH = 240;
    /** Largest frame before COBS: 8 + 240 + 4 = 252 bytes. */
    public static final int MAX_RAW_LENGTH = HEADER_LENGTH + MAX_PAYLOAD_LENGTH + CRC_LENGTH;
    /** Largest frame after COBS, without the 0x00 delimiter: 253 bytes. */
    public static final int MAX_ENCODED_LENGTH = MAX_RAW_LENGTH + 1;

    public Frame {
        Objects.requireNonNull(message, "message");
        check(version, 0xFF, "version");
        check(flags, 0xFF, "flags");
        check(seq, 0xFFFF, "seq");
        check(ack, 0xFFFF, "ack");
    }

    /** A first transmission of {@code message} in protocol version 1. */
    public static Frame of(int seq, Message message) {
        int flags = message.type().needsAck() ? FLAG_ACK_REQUESTED : 0;
        return new Frame(VERSION_1, flags, seq, 0, message);
    }

    /** An ACK (or NACK when {@code code} is not OK) answering {@code ackedSeq}. */
    public static Frame answer(int ackedSeq, ErrorCode code) {
        Message message = code == ErrorCode.OK ? new Message.Ack() : new Message.Nack(code);
        return new Frame(VERSION_1, 0, 0, ackedSeq, message);
    }

    public boolean ackRequested() {
        return (flags & FLAG_ACK_REQUESTED) != 0;
    }

    public boolean retransmission() {
        return (flags & FLAG_RETRANSMISSION) != 0;
    }

    /** The same frame marked as a retransmission. */
    public Frame asRetransmission() {
        return new Frame(version, flags | FLAG_RETRANSMISSION, seq, ack, message);
    }

    private static void check(int value, int max, String field) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(field + " must be in 0.." + max + ", was " + value);
        }
    }
}
