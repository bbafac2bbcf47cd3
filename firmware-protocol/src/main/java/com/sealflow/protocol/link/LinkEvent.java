package com.sealflow.protocol.link;

import com.sealflow.protocol.serial.ErrorCode;
import com.sealflow.protocol.serial.Message;

/** What became of a reliable frame this endpoint sent. */
public sealed interface LinkEvent {

    /** The sequence number {@link LinkEndpoint#send} returned for the frame. */
    int seq();

    /** The message that was sent. */
    Message message();

    /** The peer answered ACK. */
    record Acknowledged(int seq, Message message) implements LinkEvent {
    }

    /** The peer answered NACK: it received the frame and refused it for good. */
    record Refused(int seq, Message message, ErrorCode code) implements LinkEvent {
    }

    /** No answer after every retry. The peer may or may not have acted on it. */
    record GaveUp(int seq, Message message, int attempts) implements LinkEvent {
    }
}
