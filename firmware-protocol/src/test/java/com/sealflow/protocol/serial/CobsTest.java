package com.sealflow.protocol.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CobsTest {

    private static final HexFormat HEX = HexFormat.of();

    // Examples from the COBS paper / Wikipedia; the last row is the 254-byte block boundary.
    @ParameterizedTest
    @CsvSource({
        "'', 01",
        "00, 0101",
        "0000, 010101",
        "001100, 01021101",
        "11223344, 0511223344",
        "11220044, 03112202 44",
    })
    void knownEncodings(String raw, String encoded) {
        byte[] rawBytes = HEX.parseHex(raw);
        byte[] expected = HEX.parseHex(encoded.replace(" ", ""));
        assertThat(Cobs.encode(rawBytes)).isEqualTo(expected);
        assertThat(Cobs.decode(expected, 0, expected.length)).isEqualTo(rawBytes);
    }

    @Test
    void longRunsSplitIntoBlocksOf254() {
        byte[] raw = SampleMessages.bytes(1, 254);
        byte[] encoded = Cobs.encode(raw);
        assertThat(encoded[0] & 0xFF).isEqualTo(0xFF);
        assertThat(encoded).hasSize(256).doesNotContain((byte) 0);
        assertThat(Cobs.decode(encoded, 0, encoded.length)).isEqualTo(raw);
    }

    @Test
    void everyLengthUpToAFullFrameRoundTrips() {
        for (int length = 0; length <= Frame.MAX_RAW_LENGTH + 300; length++) {
            byte[] raw = new byte[length];
            for (int i = 0; i < length; i++) {
                raw[i] = (byte) (i * 7 % 5 == 0 ? 0 : i);
            }
            byte[] encoded = Cobs.encode(raw);
            assertThat(encoded).doesNotContain((byte) 0);
            assertThat(encoded.length).isLessThanOrEqualTo(Cobs.maxEncodedLength(length));
            assertThat(Cobs.decode(encoded, 0, encoded.length)).as("length %d", length).isEqualTo(raw);
        }
    }

    @Test
    void truncatedOrZeroContainingInputIsRejected() {
        assertThat(Cobs.decode(HEX.parseHex("05112233"), 0, 4)).as("block runs past the end").isNull();
        assertThat(Cobs.decode(HEX.parseHex("03110022"), 0, 4)).as("zero inside").isNull();
    }
}
