package com.sealflow.protocol.cbor;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The subset of CBOR (RFC 8949) our signed formats use: integers, byte and text strings, arrays,
 * maps with text keys, null and booleans. No floats, tags or indefinite lengths, so every value
 * has exactly one encoding (RFC 8949 §4.2.1 deterministic encoding).
 */
public sealed interface CborValue {

    /** RFC 8949 §4.2.1 order for text keys: shorter encoding first, then bytewise. */
    Comparator<String> KEY_ORDER = Comparator.comparingInt((String k) -> Cbor.utf8(k).length)
            .thenComparing(Cbor::utf8, Arrays::compareUnsigned);

    /** A signed integer in the range of a Java long (CBOR major types 0 and 1). */
    record Int(long value) implements CborValue {
    }

    record Bytes(byte[] value) implements CborValue {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "h'" + HexFormat.of().formatHex(value) + "'";
        }
    }

    record Text(String value) implements CborValue {
        public Text {
            Objects.requireNonNull(value);
        }
    }

    record Array(List<CborValue> items) implements CborValue {
        public Array {
            items = List.copyOf(items);
        }
    }

    /** A map with text keys, always held in canonical key order. */
    record TextMap(Map<String, CborValue> entries) implements CborValue {
        public TextMap {
            TreeMap<String, CborValue> sorted = new TreeMap<>(KEY_ORDER);
            sorted.putAll(entries);
            entries = Collections.unmodifiableMap(sorted);
        }

        /** The value under {@code key}, or {@code null} when the key is absent. */
        public CborValue get(String key) {
            return entries.get(key);
        }
    }

    record Bool(boolean value) implements CborValue {
    }

    /** CBOR null: a present field without a value. */
    enum Null implements CborValue {
        INSTANCE
    }

    static CborValue of(long value) {
        return new Int(value);
    }

    static CborValue of(String textOrNull) {
        return textOrNull == null ? Null.INSTANCE : new Text(textOrNull);
    }

    static CborValue of(byte[] bytes) {
        return new Bytes(bytes);
    }
}
