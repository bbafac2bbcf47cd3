package com.sealflow.protocol.serial;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Little-endian field reader for message payloads. Reading past the end throws
 * {@link MalformedPayloadException}, which the frame decoder turns into a BAD_PAYLOAD discard.
 * Bytes left over after the last known field are ignored so that a later protocol revision may
 * append fields without breaking older readers.
 */
final class PayloadReader {

    private final byte[] data;
    private int position;

    PayloadReader(byte[] data) {
        this.data = data;
    }

    private void need(int count) {
        if (data.length - position < count) {
            throw new MalformedPayloadException("payload ends at byte " + data.length + ", field needs " + count + " more");
        }
    }

    int u8() {
        need(1);
        return data[position++] & 0xFF;
    }

    int u16() {
        need(2);
        int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8;
        position += 2;
        return value;
    }

    long u32() {
        need(4);
        long value = 0;
        for (int i = 3; i >= 0; i--) {
            value = value << 8 | (data[position + i] & 0xFF);
        }
        position += 4;
        return value;
    }

    boolean bool() {
        int value = u8();
        if (value > 1) {
            throw new MalformedPayloadException("boolean byte must be 0 or 1, was " + value);
        }
        return value == 1;
    }

    String string() {
        int length = u8();
        need(length);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, position, length))
                    .toString();
            position += length;
            return text;
        } catch (CharacterCodingException e) {
            throw new MalformedPayloadException("string is not valid UTF-8");
        }
    }

    byte[] bytes(int count) {
        need(count);
        byte[] value = Arrays.copyOfRange(data, position, position + count);
        position += count;
        return value;
    }
}
