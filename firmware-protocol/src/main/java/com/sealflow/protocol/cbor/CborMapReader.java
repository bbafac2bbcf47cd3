package com.sealflow.protocol.cbor;

import java.util.Set;

/** Typed, schema-checked access to a decoded text-keyed map: absent, null or mistyped fields are errors. */
public final class CborMapReader {

    private final CborValue.TextMap map;

    private CborMapReader(CborValue.TextMap map) {
        this.map = map;
    }

    /** Requires {@code value} to be a map with exactly {@code keys}: unknown fields are refused, not skipped. */
    public static CborMapReader of(CborValue value, Set<String> keys) throws CborException {
        if (!(value instanceof CborValue.TextMap map)) {
            throw new CborException("expected a map");
        }
        if (!map.entries().keySet().equals(keys)) {
            throw new CborException("expected fields " + keys + ", got " + map.entries().keySet());
        }
        return new CborMapReader(map);
    }

    public String text(String key) throws CborException {
        if (map.get(key) instanceof CborValue.Text t) {
            return t.value();
        }
        throw new CborException(key + " must be a text string");
    }

    public String textOrNull(String key) throws CborException {
        return map.get(key) == CborValue.Null.INSTANCE ? null : text(key);
    }

    public long integer(String key) throws CborException {
        if (map.get(key) instanceof CborValue.Int i) {
            return i.value();
        }
        throw new CborException(key + " must be an integer");
    }

    public Long integerOrNull(String key) throws CborException {
        return map.get(key) == CborValue.Null.INSTANCE ? null : integer(key);
    }

    public boolean bool(String key) throws CborException {
        if (map.get(key) instanceof CborValue.Bool b) {
            return b.value();
        }
        throw new CborException(key + " must be a boolean");
    }

    public CborValue raw(String key) {
        return map.get(key);
    }
}
