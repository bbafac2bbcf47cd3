package com.sealflow.server.web;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * How handlers answer. Going through here lets {@link Idempotency} record the first response to a mutation
 * so a retry with the same {@code Idempotency-Key} gets it again.
 */
public final class Replies {

    private Replies() {
    }

    public static Future<Void> json(RoutingContext ctx, int status, JsonObject body) {
        return send(ctx, status, body.toBuffer());
    }

    public static Future<Void> json(RoutingContext ctx, int status, JsonArray body) {
        return send(ctx, status, body.toBuffer());
    }

    public static Future<Void> ok(RoutingContext ctx, JsonObject body) {
        return json(ctx, 200, body);
    }

    public static Future<Void> created(RoutingContext ctx, JsonObject body) {
        return json(ctx, 201, body);
    }

    public static Future<Void> noContent(RoutingContext ctx) {
        return Idempotency.record(ctx, 204, null).compose(v -> ctx.response().setStatusCode(204).end());
    }

    /** Fails the context with the problem: usable as {@code .onFailure(Replies.fail(ctx))}. */
    public static io.vertx.core.Handler<Throwable> fail(RoutingContext ctx) {
        return ctx::fail;
    }

    private static Future<Void> send(RoutingContext ctx, int status, Buffer body) {
        return Idempotency.record(ctx, status, body)
            .compose(v -> ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body));
    }
}
