package com.sealflow.server.db;

import com.sealflow.protocol.evidence.EvidenceCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the tamper-evident chains (audit log, archive) hash: fields length-prefixed ({@code <utf8 length>:<value>;},
 * absent = {@code -;}) so no two different rows encode alike, SHA-256 in lower-case hex, and canonical JSON (keys
 * sorted at every level) for bodies stored exactly as hashed. Stored hashes depend on every byte of it: never change it.
 */
public final class ChainEncoding {

    /** The previous hash of a chain's first row. */
    public static final String GENESIS = "0".repeat(64);

    private ChainEncoding() {
    }

    /** SHA-256 (hex) of the fields, each length-prefixed, in order; a null field is absent. */
    public static String hash(String... fields) {
        StringBuilder sb = new StringBuilder(256);
        for (String v : fields) {
            if (v == null) {
                sb.append("-;");
            } else {
                sb.append(v.getBytes(StandardCharsets.UTF_8).length).append(':').append(v).append(';');
            }
        }
        return sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 in lower-case hex, as the device evidence chain writes it. */
    public static String sha256Hex(byte[] bytes) {
        return EvidenceCodec.sha256Hex(bytes);
    }

    /** Keys sorted at every level; numbers (decimals too) and strings exactly as Jackson writes them. */
    public static String canonicalJson(JsonObject json) {
        return ((JsonObject) canonicalValue(json, false)).encode();
    }

    /** As {@link #canonicalJson}, but decimals become plain strings without trailing zeros (1000.50 and 1000.5 alike). */
    public static String canonicalJsonNormalisingDecimals(JsonObject json) {
        return ((JsonObject) canonicalValue(json, true)).encode();
    }

    private static Object canonicalValue(Object v, boolean normaliseDecimals) {
        if (v instanceof JsonObject o) {
            Map<String, Object> sorted = new TreeMap<>();
            o.forEach(e -> sorted.put(e.getKey(), canonicalValue(e.getValue(), normaliseDecimals)));
            return new JsonObject(new LinkedHashMap<>(sorted));
        }
        if (v instanceof JsonArray a) {
            JsonArray out = new JsonArray();
            a.forEach(x -> out.add(canonicalValue(x, normaliseDecimals)));
            return out;
        }
        if (normaliseDecimals && v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return v;
    }
}
