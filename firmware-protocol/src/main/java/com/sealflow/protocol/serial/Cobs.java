package com.sealflow.protocol.serial;

import java.util.Arrays;

/**
 * Consistent Overhead Byte Stuffing: removes every 0x00 from a frame so that 0x00 can mark frame
 * boundaries on the serial line. Overhead is one byte per started block of 254 non-zero bytes.
 */
public final class Cobs {

    private Cobs() {
    }

    /** Largest encoded size for {@code rawLength} input bytes (without the 0x00 delimiter). */
    public static int maxEncodedLength(int rawLength) {
        return rawLength + rawLength / 254 + 1;
    }

    /** Stuffs {@code raw}; the result contains no 0x00 and does not include the delimiter. */
    public static byte[] encode(byte[] raw) {
        byte[] out = new byte[maxEncodedLength(raw.length)];
        int codeIndex = 0;
        int write = 1;
        int code = 1;
        for (byte b : raw) {
            if (b == 0) {
                out[codeIndex] = (byte) code;
                codeIndex = write++;
                code = 1;
            } else {
                out[write++] = b;
                code++;
                if (code == 0xFF) {
                    out[codeIndex] = (byte) code;
                    codeIndex = write++;
                    code = 1;
                }
            }
        }
        out[codeIndex] = (byte) code;
        return Arrays.copyOf(out, write);
    }

    /**
     * Unstuffs {@code length} bytes (no delimiter inside).
     *
     * @return the raw bytes, or {@code null} when the input is not valid COBS (a 0x00 inside, or a
     *     block that runs past the end, as happens when a frame was cut short)
     */
    public static byte[] decode(byte[] encoded, int offset, int length) {
        byte[] out = new byte[length];
        int read = offset;
        int end = offset + length;
        int write = 0;
        while (read < end) {
            int code = encoded[read++] & 0xFF;
            if (code == 0 || read + code - 1 > end) {
                return null;
            }
            for (int i = 1; i < code; i++) {
                byte b = encoded[read++];
                if (b == 0) {
                    return null;
                }
                out[write++] = b;
            }
            // A block shorter than 0xFF stands for "data then a zero", except for the final block.
            if (code != 0xFF && read < end) {
                out[write++] = 0;
            }
        }
        return Arrays.copyOf(out, write);
    }
}
