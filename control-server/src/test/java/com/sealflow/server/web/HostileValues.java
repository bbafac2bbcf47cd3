package com.sealflow.server.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of malformed, boundary and hostile values for an OpenAPI operation: path and query values,
 * and JSON bodies shaped by (and deliberately off) the operation's schema.
 */
final class HostileValues {

    static final List<String> STRINGS = List.of("", " ", "null", "undefined", "0", "-1", "2147483648", "9223372036854775808",
        "-9223372036854775809", "1e309", "NaN", "Infinity", "0x10", "1.5", "../../../etc/passwd", "..\\..\\windows\\win.ini",
        "\u0000", "a\u0000b", "' OR '1'='1", "\"; DROP TABLE users; --", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}",
        "{{7*7}}", "\u202egnp.exe", "\uFEFF", "\uD83D\uDE00\uD83D\uDE00", "印章\u200b管理", "\\", "%", "%00", "true", "[]", "{}",
        "a".repeat(5000), "Ω".repeat(3000), "\r\nSet-Cookie: x=1", "2026-13-45T99:99:99Z", "-0", "+1", " 12 ");
    /** Sent into the URL as they are (already percent-encoded or path-like). */
    static final List<String> RAW_PATH = List.of("%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%00", "%ff%fe", "..", ".", "%2F", "a%20b", "~",
        "%C0%AE%C0%AE");
    static final List<Object> NUMBERS = List.of(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 2147483648L, Long.MAX_VALUE,
        Long.MIN_VALUE, 1.5, -0.0, 1e308, 99999999999999999999.0);

    private final Random random;
    private final JsonObject doc;

    HostileValues(long seed, JsonObject doc) {
        this.random = new Random(seed);
        this.doc = doc;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A path segment: a hostile string percent-encoded, or a raw trick. */
    String pathSegment() {
        return chance(25) ? pick(RAW_PATH) : encode(chance(15) ? String.valueOf(pick(NUMBERS)) : pick(STRINGS));
    }

    /** A query value for a parameter of this schema (often of the wrong type). */
    String queryValue(JsonObject schema) {
        String type = schema == null ? "string" : String.valueOf(schema.getValue("type"));
        if (type.contains("integer") || type.contains("number")) {
            return encode(chance(50) ? String.valueOf(pick(NUMBERS)) : pick(STRINGS));
        }
        if (schema != null && schema.getJsonArray("enum") != null && chance(30)) {
            return encode(String.valueOf(pick(schema.getJsonArray("enum").getList())).toLowerCase());
        }
        return encode(pick(STRINGS));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A body for the schema: mostly its shape with bad values, sometimes not an object at all. */
    String body(JsonObject schema) {
        int roll = random.nextInt(100);
        if (roll < 8) {
            return pick(List.of("", "{", "}", "[", "null", "42", "\"x\"", "{\"a\":}", "{'a': 1}", "\u0000", "{\"a\": 1,}",
                "{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}", "[" + "1,".repeat(20000) + "1]"));
        }
        Object value = value(schema == null ? new JsonObject().put("type", "object") : schema, 0);
        if (value instanceof JsonObject o && chance(30)) {
            o.put(pick(List.of("__proto__", "constructor", "id", "createdAt", "roles", "status", "extra")), value(new JsonObject(), 2));
        }
        String text = value instanceof JsonObject || value instanceof JsonArray ? value.toString() : io.vertx.core.json.Json.encode(value);
        // an oversized body is one case among many, of a size the server answers with its 413 (see BadInputSweepTest)
        return text.length() > 900_000 ? "{\"text\": \"" + "x".repeat(1_100_000) + "\"}" : text;
    }

    private JsonObject resolve(JsonObject schema) {
        String ref = schema.getString("$ref");
        if (ref == null || !ref.startsWith("#/")) {
            return schema;
        }
        Object at = doc;
        for (String part : ref.substring(2).split("/")) {
            at = at instanceof JsonObject o ? o.getValue(part) : null;
        }
        return at instanceof JsonObject o ? o : new JsonObject();
    }

    Object value(JsonObject raw, int depth) {
        JsonObject schema = resolve(raw);
        if (chance(12)) {
            return wrongType();
        }
        String type = String.valueOf(schema.getValue("type", schema.containsKey("properties") ? "object" : "string"));
        if (schema.getJsonArray("enum") != null && chance(60)) {
            Object v = pick(schema.getJsonArray("enum").getList());
            return chance(30) ? String.valueOf(v).toLowerCase() : v;
        }
        if (type.contains("object")) {
            JsonObject out = new JsonObject();
            JsonObject props = schema.getJsonObject("properties", new JsonObject());
            for (String name : props.fieldNames()) {
                if (depth < 4 && !chance(20)) {
                    out.put(name, value(props.getJsonObject(name), depth + 1));
                }
            }
            return out;
        }
        if (type.contains("array")) {
            JsonArray out = new JsonArray();
            int n = chance(10) ? 2000 : random.nextInt(4);
            JsonObject items = schema.getJsonObject("items", new JsonObject());
            for (int i = 0; i < n; i++) {
                out.add(depth < 4 ? value(items, depth + 1) : pick(STRINGS));
            }
            return out;
        }
        if (type.contains("integer") || type.contains("number")) {
            return pick(NUMBERS);
        }
        if (type.contains("boolean")) {
            return chance(50) ? random.nextBoolean() : pick(List.of("yes", 1, "true"));
        }
        return pick(STRINGS);
    }

    private Object wrongType() {
        return switch (random.nextInt(6)) {
            case 0 -> null;
            case 1 -> new JsonArray().add(pick(STRINGS));
            case 2 -> new JsonObject().put("$ne", pick(STRINGS));
            case 3 -> pick(NUMBERS);
            case 4 -> random.nextBoolean();
            default -> pick(STRINGS);
        };
    }
}
