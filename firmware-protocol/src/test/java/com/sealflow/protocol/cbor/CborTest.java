package com.sealflow.protocol.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CborTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String hex(CborValue value) {
        return HEX.formatHex(Cbor.encode(value));
    }

    @Test
    void integersUseTheShortestHeadAsInRfc8949AppendixA() {
        assertThat(hex(CborValue.of(0))).isEqualTo("00");
        assertThat(hex(CborValue.of(23))).isEqualTo("17");
        assertThat(hex(CborValue.of(24))).isEqualTo("1818");
        assertThat(hex(CborValue.of(1000))).isEqualTo("1903e8");
        assertThat(hex(CborValue.of(1_000_000))).isEqualTo("1a000f4240");
        assertThat(hex(CborValue.of(1_000_000_000_000L))).isEqualTo("1b000000e8d4a51000");
        assertThat(hex(CborValue.of(-1))).isEqualTo("20");
        assertThat(hex(CborValue.of(-1000))).isEqualTo("3903e7");
        assertThat(hex(CborValue.of(Long.MIN_VALUE))).isEqualTo("3b7fffffffffffffff");
    }

    @Test
    void otherTypesMatchRfc8949AppendixA() {
        assertThat(hex(CborValue.of("IETF"))).isEqualTo("6449455446");
        assertThat(hex(CborValue.of(new byte[] {1, 2, 3, 4}))).isEqualTo("4401020304");
        assertThat(hex(CborValue.Null.INSTANCE)).isEqualTo("f6");
        assertThat(hex(new CborValue.Bool(true))).isEqualTo("f5");
        assertThat(hex(new CborValue.Array(List.of(CborValue.of(1), CborValue.of(2))))).isEqualTo("820102");
    }

    @Test
    void mapKeysAreSortedShortestFirstThenBytewise() {
        CborValue map = new CborValue.TextMap(Map.of("bb", CborValue.of(1), "a", CborValue.of(2), "aa", CborValue.of(3)));
        assertThat(hex(map)).isEqualTo("a3" + "6161" + "02" + "626161" + "03" + "626262" + "01");
    }

    @Test
    void decodeInvertsEncode() throws CborException {
        CborValue value = new CborValue.Array(List.of(CborValue.of(-5), CborValue.of("文字"), CborValue.of(new byte[] {0}),
                new CborValue.TextMap(Map.of("k", CborValue.Null.INSTANCE, "long", new CborValue.Bool(false))),
                CborValue.of(Long.MAX_VALUE)));
        assertThat(Cbor.decode(Cbor.encode(value))).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",            // nothing
        "1817",        // 23 in a one-byte argument: not shortest
        "190017",      // likewise two bytes
        "1b8000000000000000", // above Long.MAX_VALUE
        "5f",          // indefinite byte string
        "9f",          // indefinite array
        "c100",        // a tag
        "f93c00",      // a half float
        "f7",          // undefined
        "a2616201616101", // map keys out of order
        "a2616101616102", // repeated key
        "a10101",      // non-text key
        "62c328",      // invalid UTF-8
        "4501",        // byte string longer than the input
        "9bffffffffffffffff", // absurd array length
        "0000",        // trailing byte
    })
    void nonCanonicalOrUnsupportedInputIsRefused(String input) {
        assertThatThrownBy(() -> Cbor.decode(HEX.parseHex(input))).isInstanceOf(CborException.class);
    }

    @Test
    void deepNestingIsRefusedNotRecursed() {
        assertThatThrownBy(() -> Cbor.decode(HEX.parseHex("81".repeat(10_000) + "00"))).isInstanceOf(CborException.class);
    }
}
