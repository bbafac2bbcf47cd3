package com.sealflow.server.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code ?page=&size=} for list endpoints: pages count from 1, size 1..200 (default 20). The response shape
 * is {@code {items[], page, size, total}}.
 */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 200;

    public static Paging of(RoutingContext ctx) {
        int page = intParam(ctx, "page", 1);
        int size = intParam(ctx, "size", 20);
        if (page < 1) {
            throw ProblemException.invalidField("page", "page counts from 1");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalidField("size", "size must be between 1 and " + MAX_SIZE);
        }
        return new Paging(page, size);
    }

    public int offset() {
        return (page - 1) * size;
    }

    public JsonObject toJson(JsonArray items, long total) {
        return new JsonObject().put("items", items).put("page", page).put("size", size).put("total", total);
    }

    /** A query parameter as an int, 400 when it is not one. */
    public static int intParam(RoutingContext ctx, String name, int fallback) {
        Long v = longParam(ctx, name);
        if (v == null) {
            return fallback;
        }
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw ProblemException.invalidField(name, name + " is out of range");
        }
        return v.intValue();
    }

    /** A query parameter as a long (e.g. epoch millis), null when absent, 400 when not a number. */
    public static Long longParam(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, name + " must be an integer");
        }
    }
}
