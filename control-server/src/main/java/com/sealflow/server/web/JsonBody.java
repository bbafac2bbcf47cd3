package com.sealflow.server.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of a JSON request body that turn bad input into 400 problems naming the field, instead of
 * ClassCastExceptions and NullPointerExceptions deep in a handler.
 */
public final class JsonBody {

    private final JsonObject json;

    private JsonBody(JsonObject json) {
        this.json = json;
    }

    /** The body as a JSON object: 400 when it is missing, malformed or not an object. */
    public static JsonBody of(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        if (ct != null && !ct.toLowerCase().startsWith("application/json") && !ct.toLowerCase().contains("+json")) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported media type", "send application/json");
        }
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
            throw ProblemException.badRequest("a JSON object body is required");
        }
        Object parsed;
        try {
            parsed = io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
        } catch (DecodeException e) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON", "the request body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject obj)) {
            throw new ProblemException(400, "wrong-type", "Wrong type", "the request body must be a JSON object");
        }
        return new JsonBody(obj);
    }

    public static JsonBody wrap(JsonObject json) {
        return new JsonBody(json == null ? new JsonObject() : json);
    }

    public JsonObject json() {
        return json;
    }

    public boolean has(String field) {
        return json.containsKey(field) && json.getValue(field) != null;
    }

    public String string(String field) {
        String v = optString(field);
        if (v == null || v.isBlank()) {
            throw ProblemException.invalidField(field, field + " is required");
        }
        return v;
    }

    public String optString(String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw wrongType(field, "a string");
        }
        return s;
    }

    public Long optLong(String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw wrongType(field, "an integer");
        }
        return n.longValue();
    }

    public long longValue(String field) {
        Long v = optLong(field);
        if (v == null) {
            throw ProblemException.invalidField(field, field + " is required");
        }
        return v;
    }

    public Boolean optBoolean(String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            throw wrongType(field, "true or false");
        }
        return b;
    }

    public JsonObject optObject(String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonObject o)) {
            throw wrongType(field, "an object");
        }
        return o;
    }

    /** A list of strings; empty when absent. */
    public List<String> strings(String field) {
        Object v = json.getValue(field);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof JsonArray arr)) {
            throw wrongType(field, "an array of strings");
        }
        List<String> out = new ArrayList<>(arr.size());
        for (Object o : arr) {
            if (!(o instanceof String s)) {
                throw wrongType(field, "an array of strings");
            }
            out.add(s);
        }
        return out;
    }

    private static ProblemException wrongType(String field, String expected) {
        return new ProblemException(400, "wrong-type", "Wrong type", field + " must be " + expected,
            List.of(new ProblemException.FieldError(field, "must be " + expected)));
    }
}
