package com.sealflow.simulator.http;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/** Typed reads of request bodies that answer wrong input with a 400, never a 500. */
final class Json {

    private Json() {
    }

    static boolean bool(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof Boolean b)) {
            throw new Problems.BadRequest("'" + field + "' must be true or false");
        }
        return b;
    }

    static boolean optionalBool(JsonObject body, String field) {
        return body.getValue(field) != null && bool(body, field);
    }

    static int integer(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() != ((Number) value).intValue()) {
            throw new Problems.BadRequest("'" + field + "' must be an integer");
        }
        return ((Number) value).intValue();
    }

    static long optionalLong(JsonObject body, String field, long fallback) {
        Object value = body.getValue(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw new Problems.BadRequest("'" + field + "' must be an integer");
        }
        return ((Number) value).longValue();
    }

    static String optionalString(JsonObject body, String field) {
        Object value = body.getValue(field);
        if (value != null && !(value instanceof String)) {
            throw new Problems.BadRequest("'" + field + "' must be a string");
        }
        return (String) value;
    }

    /** An enum by name; {@code fallback} null makes the field required. */
    static <E extends Enum<E>> E enumValue(JsonObject body, String field, Class<E> type, E fallback) {
        String name = optionalString(body, field);
        if (name == null) {
            if (fallback == null) {
                throw new Problems.BadRequest("'" + field + "' is required: one of " + Arrays.toString(type.getEnumConstants()));
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new Problems.BadRequest("'" + field + "' must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
