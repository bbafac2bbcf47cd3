package com.sealflow.protocol.serial;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Little-endian field writer for message payloads; range checks live in the message records. */
final class PayloadWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    PayloadWriter u8(int value) {
        out.write(value);
        return this;
    }

    PayloadWriter u16(int value) {
        out.write(value);
        out.write(value >>> 8);
        return this;
    }

    PayloadWriter u32(long value) {
        for (int shift = 0; shift < 32; shift += 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    PayloadWriter bool(boolean value) {
        return u8(value ? 1 : 0);
    }

    /** A string is a u8 byte count followed by that many UTF-8 bytes (no terminator). */
    PayloadWriter string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        u8(bytes.length);
        out.write(bytes, 0, bytes.length);
        return this;
    }

    PayloadWriter bytes(byte[] value) {
        out.write(value, 0, value.length);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
