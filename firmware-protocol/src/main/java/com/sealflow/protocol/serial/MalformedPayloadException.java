package com.sealflow.protocol.serial;

/** A payload that does not fit its message type's layout; never escapes the decoder. */
final class MalformedPayloadException extends RuntimeException {

    MalformedPayloadException(String message) {
        super(message, null, false, false);
    }
}
