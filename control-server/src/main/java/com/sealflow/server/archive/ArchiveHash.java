package com.sealflow.server.archive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an archive entry's hash is computed over: its position, kind, archive number, time, the canonical JSON of its
 * body (keys sorted at every level, stored exactly as hashed) and the previous entry's hash. Each field is
 * length-prefixed, so no two different entries encode alike; chaining makes edits, deletions and reordering visible.
 */
final class ArchiveHash {

    static final String GENESIS = "0".repeat(64);

    private ArchiveHash() {
    }

    static String entryHash(long seq, String kind, String archiveNo, long at, String canonicalBody, String prevHash) {
        StringBuilder sb = new StringBuilder(canonicalBody.length() + 200);
        field(sb, Long.toString(seq));
        field(sb, kind);
        field(sb, archiveNo);
        field(sb, Long.toString(at));
        field(sb, canonicalBody);
        field(sb, prevHash);
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void field(StringBuilder sb, String v) {
        if (v == null) {
            sb.append("-;");
        } else {
            sb.append(v.getBytes(StandardCharsets.UTF_8).length).append(':').append(v).append(';');
        }
    }

    /** Keys sorted at every level; numbers and strings as Jackson writes them. */
    static String canonical(JsonObject json) {
        return ((JsonObject) canonicalValue(json)).encode();
    }

    private static Object canonicalValue(Object v) {
        if (v instanceof JsonObject o) {
            Map<String, Object> sorted = new TreeMap<>();
            o.forEach(e -> sorted.put(e.getKey(), canonicalValue(e.getValue())));
            return new JsonObject(new LinkedHashMap<>(sorted));
        }
        if (v instanceof JsonArray a) {
            JsonArray out = new JsonArray();
            a.forEach(x -> out.add(canonicalValue(x)));
            return out;
        }
        if (v instanceof java.math.BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        return v;
    }
}
