package com.sealflow.protocol.cbor;

/** Input that is not CBOR of the accepted subset, or not in its deterministic encoding. */
public final class CborException extends Exception {

    public CborException(String message) {
        super(message);
    }
}
