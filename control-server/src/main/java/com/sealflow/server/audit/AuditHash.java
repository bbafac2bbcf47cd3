package com.sealflow.server.audit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical encoding an audit row's hash is computed over. Every field is length-prefixed
 * ({@code <utf8 length>:<value>;}, absent = {@code -;}) so no two different rows encode alike, and the details
 * are canonical JSON (keys sorted at every level) stored exactly as hashed.
 */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    static String hash(long seq, long at, String actor, String action, String objectType, String objectId,
                       String canonicalDetails, String prevHash) {
        StringBuilder sb = new StringBuilder(256);
        field(sb, Long.toString(seq));
        field(sb, Long.toString(at));
        field(sb, actor);
        field(sb, action);
        field(sb, objectType);
        field(sb, objectId);
        field(sb, canonicalDetails);
        field(sb, prevHash);
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
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

    static String canonical(JsonObject json) {
        return json == null ? "{}" : canonicalValue(json).toString();
    }

    private static Object canonicalValue(Object v) {
        if (v instanceof JsonObject o) {
            Map<String, Object> sorted = new TreeMap<>();
            o.forEach(e -> sorted.put(e.getKey(), canonicalValue(e.getValue())));
            return new JsonObject(new java.util.LinkedHashMap<>(sorted));
        }
        if (v instanceof JsonArray a) {
            JsonArray out = new JsonArray();
            a.forEach(x -> out.add(canonicalValue(x)));
            return out;
        }
        return v;
    }
}
